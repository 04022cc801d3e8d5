using FaceMesh.Evaluation;

namespace FaceMesh.Tests.Evaluation;

public class SyntheticMotionTests
{
    [Fact]
    public void First_frame_is_the_untouched_photo()
    {
        var motion = new SyntheticMotion(new JitterOptions(), 512, 512);
        SimilarityTransform first = motion.At(0);
        Assert.Equal(0f, first.AngleRadians);
        Assert.Equal(System.Numerics.Vector2.Zero, first.Translation);
    }

    [Fact]
    public void Default_steps_are_sub_pixel_and_small_angles()
    {
        var motion = new SyntheticMotion(new JitterOptions(), 512, 512);
        (float shift, float rotation) = motion.LargestStep();
        Assert.InRange(shift, 0.05f, 1f);
        Assert.InRange(rotation, 0.01f, 0.2f);
    }

    [Fact]
    public void Timestamps_increase_strictly_at_the_frame_rate()
    {
        var motion = new SyntheticMotion(new JitterOptions { Frames = 100, FrameRate = 30 }, 64, 64);
        Assert.Equal(0, motion.TimestampMs(0));
        Assert.Equal(33, motion.TimestampMs(1));
        Assert.Equal(3300, motion.TimestampMs(99));
        for (int k = 1; k < motion.Frames; k++) Assert.True(motion.TimestampMs(k) > motion.TimestampMs(k - 1));
    }

    [Theory]
    [InlineData(1, 30.0)]
    [InlineData(10, 0.0)]
    [InlineData(10, 2000.0)]
    public void Rejects_unusable_settings(int frames, double frameRate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticMotion(new JitterOptions { Frames = frames, FrameRate = frameRate }, 64, 64));
}
