namespace FaceMesh.Runtime.Model;

/// <summary>
/// Builtin operator codes, numbered as in the TFLite schema's <c>BuiltinOperator</c> enum.
/// Only the codes this runtime knows by name are listed; any other value still round-trips
/// (it is reported by number when unsupported).
/// </summary>
internal enum BuiltinOperator
{
    Add = 0,
    AveragePool2D = 1,
    Concatenation = 2,
    Conv2D = 3,
    DepthwiseConv2D = 4,
    DepthToSpace = 5,
    Dequantize = 6,
    FullyConnected = 9,
    Logistic = 14,
    MaxPool2D = 17,
    Mul = 18,
    Relu = 19,
    Relu6 = 21,
    Reshape = 22,
    ResizeBilinear = 23,
    Softmax = 25,
    Tanh = 28,
    Custom = 32,
    Pad = 34,
    Transpose = 39,
    Mean = 40,
    Sub = 41,
    StridedSlice = 45,
    PRelu = 54,
    Densify = 124,
}
