using System.CommandLine;
using System.CommandLine.Parsing;

namespace FaceMesh.Cli;

/// <summary>
/// Mistakes the parser lets through because a command takes file names: an option the command
/// does not have (<c>detect a.jpg --frobnicate</c>) or a value given to a switch
/// (<c>--refine 0</c>) would otherwise be taken for a file and fail only after other files were
/// processed. Names starting with '-' still work after <c>--</c> or as <c>./-name</c>.
/// </summary>
internal static class CommandLineChecks
{
    private static readonly HashSet<string> SwitchWords = new(StringComparer.OrdinalIgnoreCase) { "0", "1", "yes", "no", "on", "off", "y", "n" };

    /// <returns>The first problem as one sentence, or null.</returns>
    public static string? FirstProblem(ParseResult parsed)
    {
        IReadOnlyList<Token> tokens = parsed.Tokens;
        int end = IndexOf(tokens, t => t.Type == TokenType.DoubleDash);
        if (end < 0) end = tokens.Count;
        var fileArguments = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        foreach (ArgumentResult argument in parsed.CommandResult.Children.OfType<ArgumentResult>())
            fileArguments.UnionWith(argument.Tokens);

        for (int i = 0; i < end; i++)
        {
            Token token = tokens[i];
            if (!fileArguments.Contains(token)) continue;
            if (token.Value.Length > 1 && token.Value[0] == '-')
                return $"unknown option '{token.Value}' for '{parsed.CommandResult.Command.Name}' (a file named so: write ./{token.Value} or put it after --)";
            if (i > 0 && tokens[i - 1] is { Type: TokenType.Option } previous && IsSwitch(parsed, previous.Value) && SwitchWords.Contains(token.Value))
                return $"'{token.Value}' is not a value for {previous.Value}: write {previous.Value} true or {previous.Value} false";
        }
        return null;
    }

    private static bool IsSwitch(ParseResult parsed, string name) =>
        parsed.CommandResult.Command.Options.Any(o => (o.Name == name || o.Aliases.Contains(name)) && o.ValueType == typeof(bool));

    private static int IndexOf(IReadOnlyList<Token> tokens, Func<Token, bool> match)
    {
        for (int i = 0; i < tokens.Count; i++) if (match(tokens[i])) return i;
        return -1;
    }
}
