using FaceMesh.Imaging;

namespace FaceMesh;

/// <summary>Range checks shared by the option types, with messages that name the option.</summary>
internal static class OptionChecks
{
    public static void Probability(float value, string name)
    {
        if (!(value is >= 0f and <= 1f))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1.");
    }

    public static void ThreadCount(int value, int limit)
    {
        if (value < 1 || value > limit)
            throw new ArgumentOutOfRangeException(nameof(ThreadCount), value, $"ThreadCount must be between 1 and {limit}.");
    }

    public static void Defined(FaceDetectorModel value, string name)
    {
        if (!Enum.IsDefined(value)) throw new ArgumentOutOfRangeException(name, value, "Unknown face detector model.");
    }

    public static void Defined(Sampling value, string name)
    {
        if (!Enum.IsDefined(value)) throw new ArgumentOutOfRangeException(name, value, "Unknown sampling convention.");
    }
}
