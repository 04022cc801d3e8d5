using FaceMesh.Models;
using FaceMesh.Runtime.FlexBuffers;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>The custom operators' FlexBuffers options, read from the attention model (custom_ops.md section 5).</summary>
public sealed class CustomOptionsTests
{
    private static readonly int[] LipsSubset =
    [
        61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409, 78, 95, 88, 178, 87,
        14, 317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415, 76, 77, 90, 180, 85, 16, 315, 404, 320,
        307, 306, 184, 74, 73, 72, 11, 302, 303, 304, 408, 62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292, 183, 42,
        41, 38, 12, 268, 271, 272, 407,
    ];

    private static readonly int[] LeftEyeSubset =
    [
        33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173, 130, 25, 110, 24, 23, 22, 26, 112,
        243, 247, 30, 29, 27, 28, 56, 190, 226, 31, 228, 229, 230, 231, 232, 233, 244, 113, 225, 224, 223, 222, 221,
        189, 35, 124, 46, 53, 52, 65, 143, 111, 117, 118, 119, 120, 121, 128, 245, 156, 70, 63, 105, 66, 107, 55, 193,
    ];

    private static readonly int[] RightEyeSubset =
    [
        263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398, 359, 255, 339, 254, 253, 252,
        256, 341, 463, 467, 260, 259, 257, 258, 286, 414, 446, 261, 448, 449, 450, 451, 452, 453, 464, 342, 445, 444,
        443, 442, 441, 413, 265, 353, 276, 283, 282, 295, 372, 340, 346, 347, 348, 349, 350, 357, 465, 383, 300, 293,
        334, 296, 336, 285, 417,
    ];

    private static Operator[] OperatorsNamed(string customCode)
    {
        TfLiteModel model = ModelFiles.Read(MediaPipeModel.FaceLandmarkWithAttention);
        return model.Subgraphs[0].Operators
            .Where(op => model.OperatorCodes[op.OpcodeIndex].CustomCode == customCode)
            .ToArray();
    }

    [Fact]
    public void Landmarks2TransformMatrix_options_decode_to_the_documented_values()
    {
        Operator[] ops = OperatorsNamed("Landmarks2TransformMatrix");
        (int Left, int Right, int[] Subset)[] expected = [(61, 291, LipsSubset), (33, 133, LeftEyeSubset), (362, 263, RightEyeSubset)];

        Assert.Equal(expected.Length, ops.Length);
        for (int i = 0; i < ops.Length; i++)
        {
            FlexMap options = FlexMap.Parse(ops[i].CustomOptions);
            Assert.Equal(
                ["left_rotation_idx", "output_height", "output_width", "right_rotation_idx", "scale_x", "scale_y",
                    "subset_idxs", "target_rotation_radians"],
                options.Keys);
            Assert.Equal(expected[i].Left, options.GetInt32("left_rotation_idx"));
            Assert.Equal(expected[i].Right, options.GetInt32("right_rotation_idx"));
            Assert.Equal(expected[i].Subset, options.GetInt32Vector("subset_idxs"));
            Assert.Equal(16, options.GetInt32("output_height"));
            Assert.Equal(16, options.GetInt32("output_width"));
            Assert.Equal(1.5f, options.GetSingle("scale_x"));
            Assert.Equal(1.5f, options.GetSingle("scale_y"));
            Assert.Equal(0f, options.GetSingle("target_rotation_radians"));
        }
    }

    [Fact]
    public void The_lips_options_are_the_bytes_listed_in_the_spec()
    {
        Operator lips = OperatorsNamed("Landmarks2TransformMatrix")[0];

        Assert.Equal(351, lips.CustomOptions.Length);
        Assert.Equal(FlexBufferSamples.LipsLandmarks2TransformMatrix, lips.CustomOptions.ToArray());
    }

    [Fact]
    public void TransformTensorBilinear_options_are_16_by_16()
    {
        Operator[] ops = OperatorsNamed("TransformTensorBilinear");

        Assert.Equal(3, ops.Length);
        foreach (Operator op in ops)
        {
            Assert.Equal(FlexBufferSamples.TransformTensorBilinear, op.CustomOptions.ToArray());
            FlexMap options = FlexMap.Parse(op.CustomOptions);
            Assert.Equal(16, options.GetInt32("output_height"));
            Assert.Equal(16, options.GetInt32("output_width"));
        }
    }

    [Fact]
    public void TransformLandmarks_has_no_options()
    {
        Operator[] ops = OperatorsNamed("TransformLandmarks");

        Assert.Equal(5, ops.Length);
        Assert.All(ops, op => Assert.True(op.CustomOptions.IsEmpty));
    }
}
