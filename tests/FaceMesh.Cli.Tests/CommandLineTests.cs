using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>Usage mistakes fail before any work with one line on stderr; documented values work.</summary>
public sealed class CommandLineTests
{
    [FixtureFact("grace_hopper.jpg")]
    public void Unknown_option_fails_before_any_result_is_printed()
    {
        ToolRun run = CliProcess.Run("detect", TestPaths.Fixture("grace_hopper.jpg"), "--frobnicate");
        AssertUsageError(run, "--frobnicate");
    }

    [FixtureFact("grace_hopper.jpg")]
    public void Switch_given_a_number_names_the_value_not_a_missing_file()
    {
        ToolRun run = CliProcess.Run("detect", TestPaths.Fixture("grace_hopper.jpg"), "--refine", "0");
        AssertUsageError(run, "'0' is not a value for --refine");
    }

    [FixtureFact("grace_hopper.jpg")]
    public void Negative_threads_is_a_usage_error()
    {
        ToolRun run = CliProcess.Run("detect", TestPaths.Fixture("grace_hopper.jpg"), "--threads", "-2");
        AssertUsageError(run, "--threads");
    }

    [Fact]
    public void Parse_error_prints_no_help_on_standard_output()
    {
        ToolRun run = CliProcess.Run("video", "--lipstick");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.Equal("see 'facemesh video --help'", run.ErrorLines[1]);
    }

    [FixtureFact("grace_hopper.jpg")]
    public void Threads_zero_means_all_cores_and_matches_one_thread()
    {
        string image = TestPaths.Fixture("grace_hopper.jpg");
        ToolRun all = CliProcess.Run("detect", image, "--threads", "0");
        ToolRun one = CliProcess.Run("detect", image, "--threads", "1");
        Assert.True(all.ExitCode == 0, all.ToString());
        using JsonDocument line = JsonDocument.Parse(all.Stdout);
        Assert.Equal(478, line.RootElement.GetProperty("faces")[0].GetProperty("landmarks").GetArrayLength());
        Assert.Equal(one.Stdout, all.Stdout);
    }

    [FixtureFact("grace_hopper.jpg")]
    public void A_file_named_like_an_option_works_after_double_dash()
    {
        string folder = Directory.CreateTempSubdirectory("facemesh-dash-").FullName;
        try
        {
            File.Copy(TestPaths.Fixture("grace_hopper.jpg"), Path.Combine(folder, "-g.jpg"));
            ToolRun run = ToolRun.Start(CliProcess.Host, [CliProcess.Assembly, "detect", "--", "-g.jpg"], TimeSpan.FromMinutes(2),
                workingDirectory: folder);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("\"image\":\"-g.jpg\"", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertUsageError(ToolRun run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith("facemesh: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(expected, run.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith("see 'facemesh ", run.ErrorLines[1], StringComparison.Ordinal);
    }
}
