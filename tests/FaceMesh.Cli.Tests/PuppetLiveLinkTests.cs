using System.Globalization;
using System.Text.Json;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// <c>puppet --csv</c>: the same Live Link Face take <c>video --csv</c> writes for the same input, read
/// back with a plain split-and-parse: header, row count, count column, frame times, and every value
/// equal to <c>video</c>'s CSV and to its JSON Lines blendshapes, on a clip whose face moves.
/// </summary>
[Collection(ClipCollection.Name)]
public class PuppetLiveLinkTests(ClipFixture clips)
{
    private const int Frames = 36;
    private const double FramesPerSecond = 2997 / 125.0;

    [FixtureFact("Megamind.avi")]
    public void Puppet_writes_the_take_video_writes()
    {
        string clip = clips.Clip("talking.mp4");
        string jsonl = clips.Output("frames.jsonl"), videoCsv = clips.Output("video.csv"), puppetCsv = clips.Output("puppet.csv");
        ToolRun video = CliProcess.Run("video", clip, "-o", clips.Output("drawn.mkv"), "--draw", "none", "--jsonl", jsonl, "--blendshapes", "--csv", videoCsv);
        Assert.True(video.ExitCode == 0, video.ToString());
        ToolRun puppet = CliProcess.Run("puppet", clip, "-o", clips.Output("puppet.mp4"), "--csv", puppetCsv);
        Assert.True(puppet.ExitCode == 0, puppet.ToString());
        Assert.Contains(puppetCsv, puppet.Stderr, StringComparison.Ordinal);

        string[][] fromPuppet = ReadCsv(puppetCsv), fromVideo = ReadCsv(videoCsv);
        Assert.Equal(BlendshapeExportTests.LiveLinkHeader, fromPuppet[0]);
        Assert.Equal(Frames + 1, fromPuppet.Length);
        Assert.Equal(fromVideo.Length, fromPuppet.Length);
        string[] lines = File.ReadAllLines(jsonl);
        Assert.Equal(Frames, lines.Length);

        int jawOpen = Array.IndexOf(BlendshapeExportTests.LiveLinkHeader, "JawOpen");
        double jawLeast = 1, jawMost = 0;
        int withFaces = 0;
        for (int i = 1; i <= Frames; i++)
        {
            string[] row = fromPuppet[i];
            Assert.Equal(BlendshapeExportTests.LiveLinkHeader.Length, row.Length);
            Assert.Equal(61, int.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(fromVideo[i][0], row[0]);
            Assert.Equal((i - 1) / FramesPerSecond, Seconds(row[0]), 0.002);
            for (int c = 2; c < row.Length; c++)
            {
                double inPuppet = Value(row[c]), inVideo = Value(fromVideo[i][c]);
                Assert.True(Math.Abs(inPuppet - inVideo) < 1e-5, $"frame {i - 1} {fromPuppet[0][c]}: puppet {inPuppet}, video {inVideo}");
            }

            using JsonDocument line = JsonDocument.Parse(lines[i - 1]);
            JsonElement faces = line.RootElement.GetProperty("faces");
            if (faces.GetArrayLength() == 0)
            {
                // No face in this frame: the take holds the last values (zeros before the first face;
                // the clip fades in).
                if (withFaces == 0) Assert.All(row[2..], cell => Assert.Equal(0, Value(cell)));
                else Assert.Equal(fromPuppet[i - 1][1..], row[1..]);
                continue;
            }
            withFaces++;
            JsonElement scores = faces[0].GetProperty("blendshapes");
            foreach (JsonProperty score in scores.EnumerateObject())
            {
                if (score.Name == "_neutral") continue;
                int column = Array.IndexOf(fromPuppet[0], char.ToUpperInvariant(score.Name[0]) + score.Name[1..]);
                Assert.True(Math.Abs(score.Value.GetDouble() - Value(row[column])) < 1e-4, $"frame {i - 1} {score.Name}: JSON {score.Value}, CSV {row[column]}");
            }
            jawLeast = Math.Min(jawLeast, Value(row[jawOpen]));
            jawMost = Math.Max(jawMost, Value(row[jawOpen]));
        }
        Assert.True(withFaces >= Frames * 3 / 4, $"{withFaces} of {Frames} frames with a face");
        // He talks: the comparison is over values that change, not one repeated row.
        Assert.True(jawMost - jawLeast > 0.1, $"jawOpen {jawLeast:F3}..{jawMost:F3}");
    }

    [FixtureFact("astronaut.png")]
    public void A_take_that_would_overwrite_the_input_or_another_output_is_refused()
    {
        string clip = clips.Clip("face-audio.mp4"), output = clips.Output("puppet.mp4");
        byte[] before = File.ReadAllBytes(clip);
        foreach (string[] args in new[]
        {
            new[] { "puppet", clip, "-o", output, "--csv", clip },
            new[] { "puppet", clip, "-o", output, "--csv", output },
        })
        {
            ToolRun run = CliProcess.Run(args);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("--csv", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllBytes(clip));
        Assert.False(File.Exists(output));
    }

    [FixtureFact("astronaut.png")]
    public void An_image_gives_a_one_row_take()
    {
        string csv = clips.Output("still.csv");
        ToolRun run = CliProcess.Run("puppet", TestPaths.Fixture("astronaut.png"), "-o", clips.Output("still.png"), "--csv", csv);
        Assert.True(run.ExitCode == 0, run.ToString());
        string[][] rows = ReadCsv(csv);
        Assert.Equal(2, rows.Length);
        Assert.Equal("00:00:00:00.000", rows[1][0]);
        // The astronaut smiles broadly with her mouth open.
        string[] header = rows[0];
        Assert.True(Value(rows[1][Array.IndexOf(header, "MouthSmileLeft")]) > 0.5, string.Join(',', rows[1]));
        Assert.True(Value(rows[1][Array.IndexOf(header, "JawOpen")]) > 0.1, string.Join(',', rows[1]));
    }

    private static string[][] ReadCsv(string path) =>
        [.. File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];

    private static double Value(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary><c>HH:MM:SS:FF.fff</c> (frame within the second, then its fraction) in seconds.</summary>
    private static double Seconds(string timecode)
    {
        string[] parts = timecode.Split(':');
        double frame = double.Parse(parts[3], CultureInfo.InvariantCulture);
        return int.Parse(parts[0], CultureInfo.InvariantCulture) * 3600 + int.Parse(parts[1], CultureInfo.InvariantCulture) * 60
            + int.Parse(parts[2], CultureInfo.InvariantCulture) + frame / FramesPerSecond;
    }
}
