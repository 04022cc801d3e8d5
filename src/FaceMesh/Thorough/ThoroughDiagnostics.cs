namespace FaceMesh.Thorough;

/// <summary>
/// Lets the ablation bench see values the thorough mode decides on, without a public surface:
/// set by the bench only, never by the library.
/// </summary>
internal static class ThoroughDiagnostics
{
    /// <summary>Called for every refined face with whether it is an extra face and its view disagreement.</summary>
    public static Action<bool, float>? ViewDisagreementObserved { get; set; }
}
