using FaceMesh.Smoothing;

namespace FaceMesh.Tests.Smoothing;

public class OneEuroTests
{
    private static readonly OneEuroParameters P = OneEuroParameters.FaceLandmarker;
    private const long Frame = 33_333_333;

    [Fact]
    public void First_value_passes_through_and_a_static_value_stays()
    {
        var f = default(OneEuroFilter).Apply(P, Frame, 1f, 10f, out float first);
        Assert.Equal(10f, first);
        f.Apply(P, 2 * Frame, 1f, 10f, out float second);
        Assert.Equal(10f, second);
    }

    [Fact]
    public void Small_jitter_is_strongly_damped()
    {
        var f = default(OneEuroFilter).Apply(P, Frame, 0.01f, 100f, out _);
        f.Apply(P, 2 * Frame, 0.01f, 101f, out float y);
        // Speed 0.01 * 1 px * 30 Hz = 0.3 face sizes/s -> alpha ~ 0.1: y moves only a little.
        Assert.InRange(y, 100.01f, 100.5f);
    }

    [Fact]
    public void Fast_motion_is_followed_closely()
    {
        var f = default(OneEuroFilter).Apply(P, Frame, 0.01f, 100f, out _);
        f.Apply(P, 2 * Frame, 0.01f, 200f, out float y);
        Assert.InRange(y, 180f, 200f);
    }

    [Fact]
    public void Non_increasing_time_passes_the_value_through_without_changing_state()
    {
        var f = default(OneEuroFilter).Apply(P, Frame, 1f, 10f, out _);
        var same = f.Apply(P, Frame, 1f, 50f, out float y);
        Assert.Equal(50f, y);
        Assert.Equal(f, same);
    }

    [Fact]
    public void A_first_frame_at_time_zero_is_passed_through_without_initialising()
    {
        var f = default(OneEuroFilter).Apply(P, 0, 1f, 10f, out float y);
        Assert.Equal(10f, y);
        Assert.False(f.Value.Initialized);
    }

    [Fact]
    public void Low_pass_blends_with_alpha_after_the_first_value()
    {
        var lp = default(LowPassFilter).Apply(4f, 0.25f, out float a);
        lp.Apply(8f, 0.25f, out float b);
        Assert.Equal(4f, a);
        Assert.Equal(5f, b);
    }

    [Fact]
    public void Landmark_smoother_resets_on_loss_and_works_in_pixels()
    {
        var smoother = new LandmarkSmoother(2, P);
        NormalizedLandmark[] frame1 = [new(0.1f, 0.1f, 0f), new(0.5f, 0.5f, 0f)];
        NormalizedLandmark[] frame2 = [new(0.1f, 0.1f, 0f), new(0.5f, 0.501f, 0f)];
        smoother.Apply(frame1, 33, 640, 480);
        smoother.Apply(frame2, 66, 640, 480);
        Assert.InRange(frame2[1].Y, 0.5f, 0.5009f);
        smoother.Reset();
        NormalizedLandmark[] frame3 = [new(0.2f, 0.2f, 0f), new(0.7f, 0.7f, 0f)];
        smoother.Apply(frame3, 99, 640, 480);
        Assert.Equal(new NormalizedLandmark(0.7f, 0.7f, 0f), frame3[1]);
    }
}
