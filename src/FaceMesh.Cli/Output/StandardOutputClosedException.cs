namespace FaceMesh.Cli.Output;

/// <summary>
/// Whoever read standard output has gone (e.g. <c>facemesh detect ... | head</c>): the run stops,
/// quietly, as a tool killed by SIGPIPE would.
/// </summary>
internal sealed class StandardOutputClosedException(IOException cause)
    : IOException("standard output was closed", cause)
{
    /// <summary>128 + SIGPIPE, what a shell reports for a writer whose reader went away.</summary>
    public const int ExitCode = 141;
}
