namespace FaceMesh.Cli;

/// <summary>Finds the project's fetched test fixtures (.cache/fixtures) for commands that default to them.</summary>
internal static class Fixtures
{
    public static string? Find(string name)
    {
        string? env = Environment.GetEnvironmentVariable("FACEMESH_FIXTURES");
        if (env is not null && File.Exists(Path.Combine(env, name))) return Path.Combine(env, name);
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, ".cache", "fixtures", name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
