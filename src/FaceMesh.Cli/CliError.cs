using FaceMesh.Media;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Cli;

/// <summary>
/// Turns the library's exceptions into one-line messages and exit codes, so bad input never
/// shows a stack trace. Anything else is a bug and is left to crash loudly.
/// </summary>
internal static class CliError
{
    public const int Failure = 1;
    /// <summary>The command line itself is wrong (unknown option, bad value).</summary>
    public const int Usage = 2;
    public const int Cancelled = 130;

    public static bool IsUserFacing(Exception ex) => ex is IOException or UnauthorizedAccessException
        or ArgumentException or InvalidOperationException or ModelFormatException or UnsupportedModelException
        or OperationCanceledException or FormatException or NotSupportedException or InvalidDataException or MediaException;

    public static int ExitCode(Exception ex) => ex is OperationCanceledException ? Cancelled : Failure;

    public static string OneLine(Exception ex)
    {
        string message = ex.Message.ReplaceLineEndings(" ").Trim();
        return ex is OperationCanceledException ? "cancelled" : message;
    }
}
