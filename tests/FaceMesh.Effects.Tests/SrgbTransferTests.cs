namespace FaceMesh.Effects.Tests;

public sealed class SrgbTransferTests
{
    [Fact]
    public void Every_byte_survives_the_round_trip()
    {
        for (int value = 0; value < 256; value++)
            Assert.Equal(value, SrgbTransfer.ToByte(SrgbTransfer.ToLinear((byte)value)));
    }

    [Fact]
    public void Linear_values_map_to_the_right_bytes()
    {
        Assert.Equal(0, SrgbTransfer.ToByte(-1f));
        Assert.Equal(255, SrgbTransfer.ToByte(2f));
        Assert.Equal(188, SrgbTransfer.ToByte(0.5f)); // sRGB encodes linear 0.5 as 0.7354 -> 187.5 -> 188
        Assert.InRange(SrgbTransfer.ToLinear(128), 0.2158f, 0.2160f);
    }
}
