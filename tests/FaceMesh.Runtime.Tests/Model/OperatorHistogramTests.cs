using FaceMesh.Models;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>Operator inventories of custom_ops.md section 6, rebuilt from the parsed operators and options.</summary>
public sealed class OperatorHistogramTests
{
    public static TheoryData<MediaPipeModel, string[]> Inventories => new()
    {
        {
            MediaPipeModel.FaceDetectionShortRange,
            [
                "1 Conv2D v1 5x5/2 Same None", "16 Conv2D v1 1x1/1 Valid None", "4 Conv2D v1 1x1/1 Same None",
                "13 DepthwiseConv2D v1 3x3/1 Same None", "3 DepthwiseConv2D v1 3x3/2 Same None",
                "3 MaxPool2D v1 2x2/2 Same None", "11 Pad v1", "16 Add v1 None", "17 Relu v1", "4 Reshape v1",
                "2 Concatenation v1 axis 1 None", "74 Dequantize v2",
            ]
        },
        {
            MediaPipeModel.FaceDetectionFullRange,
            [
                "43 Pad v1", "1 Conv2D v1 3x3/2 Valid Relu", "30 Conv2D v1 1x1/1 Valid Relu", "16 Conv2D v1 1x1/1 Valid None",
                "2 Conv2D v1 1x1/1 Same None", "36 DepthwiseConv2D v1 3x3/1 Valid None",
                "6 DepthwiseConv2D v1 3x3/2 Valid None", "16 Add v1 Relu", "3 Add v1 None",
                "3 ResizeBilinear v3 half-pixel", "2 DepthToSpace v1 block 2", "2 Reshape v1", "46 Densify v1",
                "182 Dequantize v3",
            ]
        },
        {
            MediaPipeModel.FaceLandmark,
            [
                "1 Conv2D v1 3x3/2 Same None", "22 Conv2D v1 1x1/1 Valid None", "2 Conv2D v1 3x3/3 Valid None",
                "14 DepthwiseConv2D v1 3x3/1 Same None", "6 DepthwiseConv2D v1 3x3/2 Same None",
                "6 MaxPool2D v1 2x2/2 Valid None", "3 Pad v1", "23 PRelu v1", "20 Add v1 None", "113 Dequantize v2",
            ]
        },
        {
            MediaPipeModel.FaceLandmarkWithAttention,
            [
                "1 Conv2D v1 3x3/2 Same None", "72 Conv2D v1 1x1/1 Valid None", "2 Conv2D v1 3x3/3 Valid None",
                "5 Conv2D v1 2x2/2 Valid None", "50 DepthwiseConv2D v1 3x3/1 Same None",
                "16 DepthwiseConv2D v1 3x3/2 Same None", "16 MaxPool2D v1 2x2/2 Valid None", "9 Pad v1",
                "73 PRelu v1", "66 Add v1 None", "6 Mul v1 None", "13 Reshape v1", "1 StridedSlice v1 identity",
                "371 Dequantize v2", "3 Landmarks2TransformMatrix v2", "3 TransformTensorBilinear v2",
                "5 TransformLandmarks v2",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Inventories))]
    public void Operator_inventory_matches_the_spec(MediaPipeModel file, string[] expected)
    {
        TfLiteModel model = ModelFiles.Read(file);
        Subgraph graph = model.Subgraphs[0];

        string[] actual = graph.Operators
            .GroupBy(op => Describe(model, graph, op))
            .Select(g => $"{g.Count()} {g.Key}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
    }

    [Fact]
    public void Every_convolution_and_pool_uses_dilation_1_and_depth_multiplier_1()
    {
        foreach (MediaPipeModel file in ModelFiles.TfLiteModels)
        {
            foreach (Operator op in ModelFiles.Read(file).Subgraphs[0].Operators)
            {
                switch (op.Options)
                {
                    case Conv2DOptions c:
                        Assert.Equal((1, 1), (c.DilationW, c.DilationH));
                        break;
                    case DepthwiseConv2DOptions d:
                        Assert.Equal((1, 1, 1), (d.DilationW, d.DilationH, d.DepthMultiplier));
                        break;
                }
            }
        }
    }

    private static string Describe(TfLiteModel model, Subgraph graph, Operator op)
    {
        OperatorCode code = model.OperatorCodes[op.OpcodeIndex];
        string name = code.Builtin == BuiltinOperator.Custom ? code.CustomCode! : code.Builtin.ToString();
        string head = $"{name} v{code.Version}";
        IReadOnlyList<int> Filter() => graph.Tensors[op.Inputs[1]].Shape;
        return op.Options switch
        {
            Conv2DOptions c => $"{head} {Filter()[1]}x{Filter()[2]}/{c.StrideH} {c.Padding} {c.Activation}",
            DepthwiseConv2DOptions d => $"{head} {Filter()[1]}x{Filter()[2]}/{d.StrideH} {d.Padding} {d.Activation}",
            Pool2DOptions p => $"{head} {p.FilterH}x{p.FilterW}/{p.StrideH} {p.Padding} {p.Activation}",
            ArithmeticOptions a => $"{head} {a.Activation}",
            ConcatenationOptions c => $"{head} axis {c.Axis} {c.Activation}",
            ResizeBilinearOptions { AlignCorners: false, HalfPixelCenters: true } => $"{head} half-pixel",
            DepthToSpaceOptions d => $"{head} block {d.BlockSize}",
            StridedSliceOptions { BeginMask: 0, EndMask: 0, EllipsisMask: 0, NewAxisMask: 0, ShrinkAxisMask: 0, Offset: false }
                => $"{head} identity",
            _ => head,
        };
    }
}
