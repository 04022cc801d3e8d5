using FaceMesh.Runtime.FlexBuffers;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.FlexBuffersReading;

public sealed class FlexMapTests
{
    private const int Int = 1, UInt = 2, Float = 3, String = 5, IndirectInt = 6, IndirectUInt = 7, IndirectFloat = 8;
    private const int Vector = 10, VectorInt = 11, VectorUInt = 12, VectorFloat = 13, VectorInt3 = 19, Bool = 26;

    /// <summary>One map with 8-byte slots holding every encoding the getters accept, and some they refuse.</summary>
    private static FlexMap Sample()
    {
        var w = new TestFlexWriter(mapWidth: 8);
        int indirectInt = w.Scalar(-7, 2);
        int indirectUInt = w.Scalar(40000, 4);
        int indirectFloat = w.Scalar(BitConverter.DoubleToInt64Bits(0.25), 8);
        int text = w.String("bilinear");
        int shorts = w.Vector([-1, 300, 7], 2);
        int bytes = w.Vector([200, 1], 1);
        int triple = w.Vector([4, 5, 6], 4, fixedLength: true);
        int untyped = w.Vector([3, 4], 1, elementTypes: [(byte)TestFlexWriter.Packed(Int, 1), (byte)TestFlexWriter.Packed(UInt, 1)]);
        int floats = w.Vector([BitConverter.SingleToInt32Bits(1f)], 4);
        byte[] buffer = w.Map(
            new FlexEntry("int", Int, 8, InlineBits: -5),
            new FlexEntry("big", Int, 8, InlineBits: 1L << 40),
            new FlexEntry("uint", UInt, 8, InlineBits: 123),
            new FlexEntry("flag", Bool, 8, InlineBits: 1),
            new FlexEntry("double", Float, 8, InlineBits: BitConverter.DoubleToInt64Bits(-2.5)),
            new FlexEntry("iint", IndirectInt, 2, Target: indirectInt),
            new FlexEntry("iuint", IndirectUInt, 4, Target: indirectUInt),
            new FlexEntry("ifloat", IndirectFloat, 8, Target: indirectFloat),
            new FlexEntry("mode", String, 1, Target: text),
            new FlexEntry("shorts", VectorInt, 2, Target: shorts),
            new FlexEntry("bytes", VectorUInt, 1, Target: bytes),
            new FlexEntry("triple", VectorInt3, 4, Target: triple),
            new FlexEntry("untyped", Vector, 1, Target: untyped),
            new FlexEntry("floats", VectorFloat, 4, Target: floats));
        return FlexMap.Parse(buffer);
    }

    [Fact]
    public void Keys_are_listed_in_stored_order()
    {
        FlexMap map = Sample();

        Assert.Equal(14, map.Keys.Count);
        Assert.Equal(map.Keys.Order(StringComparer.Ordinal), map.Keys);
        Assert.True(map.ContainsKey("mode"));
        Assert.False(map.ContainsKey("missing"));
    }

    [Theory]
    [InlineData("int", -5)]
    [InlineData("uint", 123)]
    [InlineData("flag", 1)]
    [InlineData("iint", -7)]
    [InlineData("iuint", 40000)]
    public void Integers_of_any_width_inline_or_indirect_read_as_int(string key, int expected) =>
        Assert.Equal(expected, Sample().GetInt32(key));

    [Theory]
    [InlineData("double", -2.5f)]
    [InlineData("ifloat", 0.25f)]
    [InlineData("int", -5f)]
    [InlineData("big", 1099511627776f)]
    public void Floats_of_64_bits_indirect_floats_and_integers_read_as_float(string key, float expected) =>
        Assert.Equal(expected, Sample().GetSingle(key));

    [Fact]
    public void Strings_read_as_utf8() => Assert.Equal("bilinear", Sample().GetString("mode"));

    [Theory]
    [InlineData("shorts", new[] { -1, 300, 7 })]
    [InlineData("bytes", new[] { 200, 1 })]
    [InlineData("triple", new[] { 4, 5, 6 })]
    [InlineData("untyped", new[] { 3, 4 })]
    public void Typed_fixed_and_untyped_integer_vectors_read_as_int_arrays(string key, int[] expected) =>
        Assert.Equal(expected, Sample().GetInt32Vector(key));

    [Fact]
    public void A_missing_key_is_named()
    {
        var e = Assert.Throws<ModelFormatException>(() => Sample().GetInt32("output_width"));
        Assert.Contains("'output_width' is missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mode", "String, not an integer")]
    [InlineData("floats", "VectorFloat, not an integer")]
    [InlineData("big", "does not fit in a 32-bit int")]
    public void Values_that_are_not_int32_are_refused_with_key_and_type(string key, string expected)
    {
        var e = Assert.Throws<ModelFormatException>(() => Sample().GetInt32(key));
        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_vectors_are_not_int_vectors()
    {
        var e = Assert.Throws<ModelFormatException>(() => Sample().GetInt32Vector("floats"));
        Assert.Contains("'floats' is VectorFloat, not a vector of integers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_are_not_numbers()
    {
        var e = Assert.Throws<ModelFormatException>(() => Sample().GetSingle("mode"));
        Assert.Contains("'mode' is String", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spec_TransformTensorBilinear_blob_decodes_to_16_by_16()
    {
        FlexMap map = FlexMap.Parse(FlexBufferSamples.TransformTensorBilinear);

        Assert.Equal(["output_height", "output_width"], map.Keys);
        Assert.Equal(16, map.GetInt32("output_height"));
        Assert.Equal(16, map.GetInt32("output_width"));
    }

    [Fact]
    public void The_spec_left_eye_blob_decodes_71_indices_from_33_to_193()
    {
        FlexMap map = FlexMap.Parse(FlexBufferSamples.LeftEyeLandmarks2TransformMatrix);

        int[] subset = map.GetInt32Vector("subset_idxs");
        Assert.Equal(71, subset.Length);
        Assert.Equal((33, 193), (subset[0], subset[^1]));
        Assert.Equal((33, 133), (map.GetInt32("left_rotation_idx"), map.GetInt32("right_rotation_idx")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0101")]
    [InlineData("000001")]      // root width 1, type NULL
    [InlineData("05040001")]    // root width 1 but an int, not a map
    [InlineData("00002603")]    // root width 3
    public void Buffers_whose_root_is_not_a_map_are_rejected(string hex) =>
        Assert.Throws<ModelFormatException>(() => FlexMap.Parse(Convert.FromHexString(hex)));
}
