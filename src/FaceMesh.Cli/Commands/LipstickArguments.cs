using System.CommandLine;
using FaceMesh.Cli.Rendering;

namespace FaceMesh.Cli.Commands;

/// <summary>The <c>--lipstick</c> and <c>--opacity</c> options of <c>makeup</c> and <c>video</c>.</summary>
internal sealed class LipstickArguments(bool required)
{
    public const float DefaultOpacity = 0.6f;

    public Option<string?> Color { get; } = new("--lipstick")
    {
        Description = "Lipstick colour as #rrggbb, e.g. \"#b0203c\"",
        Required = required,
    };

    public Option<float> Opacity { get; } = new("--opacity")
    {
        Description = "Lipstick coverage, 0 (none) to 1 (full)",
        DefaultValueFactory = _ => DefaultOpacity,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Color);
        command.Options.Add(Opacity);
    }

    public LipstickChoice? Read(ParseResult parse) => LipstickChoice.From(parse.GetValue(Color), parse.GetValue(Opacity));
}
