namespace FaceMesh.Cli.Progress;

/// <summary>Receives how many frames are done; shown live on a terminal, ignored otherwise.</summary>
internal interface IFrameProgress : IProgress<int>
{
    void Report(long framesDone);

    void IProgress<int>.Report(int value) => Report((long)value);
}
