using System.Globalization;
using System.Text.Json;
using FaceMesh.Blendshapes;
using FaceMesh.Cli.Output;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// <c>--blendshapes</c> JSON and the Live Link Face CSV, read back with an independent parse: counts,
/// column names and order, frame times, and values that agree with the JSON of the same run.
/// </summary>
[Collection(ClipCollection.Name)]
public class BlendshapeExportTests(ClipFixture clips)
{
    internal static readonly string[] LiveLinkHeader =
    [
        "Timecode", "BlendShapeCount",
        "EyeBlinkLeft", "EyeLookDownLeft", "EyeLookInLeft", "EyeLookOutLeft", "EyeLookUpLeft", "EyeSquintLeft", "EyeWideLeft",
        "EyeBlinkRight", "EyeLookDownRight", "EyeLookInRight", "EyeLookOutRight", "EyeLookUpRight", "EyeSquintRight", "EyeWideRight",
        "JawForward", "JawLeft", "JawRight", "JawOpen", "MouthClose", "MouthFunnel", "MouthPucker", "MouthLeft", "MouthRight",
        "MouthSmileLeft", "MouthSmileRight", "MouthFrownLeft", "MouthFrownRight", "MouthDimpleLeft", "MouthDimpleRight",
        "MouthStretchLeft", "MouthStretchRight", "MouthRollLower", "MouthRollUpper", "MouthShrugLower", "MouthShrugUpper",
        "MouthPressLeft", "MouthPressRight", "MouthLowerDownLeft", "MouthLowerDownRight", "MouthUpperUpLeft", "MouthUpperUpRight",
        "BrowDownLeft", "BrowDownRight", "BrowInnerUp", "BrowOuterUpLeft", "BrowOuterUpRight", "CheekPuff", "CheekSquintLeft",
        "CheekSquintRight", "NoseSneerLeft", "NoseSneerRight", "TongueOut",
        "HeadYaw", "HeadPitch", "HeadRoll", "LeftEyeYaw", "LeftEyePitch", "LeftEyeRoll", "RightEyeYaw", "RightEyePitch", "RightEyeRoll",
    ];

    [FixtureFact("astronaut.png")]
    public void Video_writes_blendshapes_to_jsonl_and_a_live_link_take_that_agree()
    {
        string jsonl = clips.Output("frames.jsonl"), csv = clips.Output("take.csv");
        ToolRun run = CliProcess.Run("video", clips.Clip("face-audio.mp4"), "-o", clips.Output("out.mkv"), "--draw", "none",
            "--jsonl", jsonl, "--blendshapes", "--csv", csv);
        Assert.True(run.ExitCode == 0, run.ToString());

        string[] frames = File.ReadAllLines(jsonl);
        string[] rows = File.ReadAllLines(csv);
        Assert.Equal(12, frames.Length);
        Assert.Equal(13, rows.Length);
        Assert.Equal(LiveLinkHeader, rows[0].Split(','));
        for (int i = 0; i < frames.Length; i++)
        {
            using JsonDocument line = JsonDocument.Parse(frames[i]);
            JsonElement face = Assert.Single(line.RootElement.GetProperty("faces").EnumerateArray());
            JsonElement scores = face.GetProperty("blendshapes");
            Assert.Equal(FaceBlendshapes.EstimatedBlendshapes.Length, scores.EnumerateObject().Count());
            Assert.Equal("_neutral", scores.EnumerateObject().First().Name);

            string[] cells = rows[i + 1].Split(',');
            Assert.Equal(LiveLinkHeader.Length, cells.Length);
            Assert.Equal(61, int.Parse(cells[1], CultureInfo.InvariantCulture));
            // 15000/1001 fps from frame 0: frame i is i frames in, i.e. second i * 1001 / 15000.
            Assert.Equal(ExpectedTimecode(i * 1001.0 / 15000, 15000 / 1001.0), cells[0]);
            foreach (JsonProperty score in scores.EnumerateObject())
            {
                if (score.Name == "_neutral") continue;
                int column = Array.IndexOf(LiveLinkHeader, char.ToUpperInvariant(score.Name[0]) + score.Name[1..]);
                Assert.True(column > 1, score.Name);
                double inCsv = double.Parse(cells[column], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(score.Value.GetDouble() - inCsv) < 1e-4, $"frame {i} {score.Name}: JSON {score.Value.GetDouble()}, CSV {inCsv}");
            }
            Assert.Equal(0, double.Parse(cells[Array.IndexOf(LiveLinkHeader, "TongueOut")], CultureInfo.InvariantCulture));
            // The astronaut faces the camera: the head is turned by well under 0.5 rad.
            for (int c = 54; c <= 56; c++) Assert.InRange(double.Parse(cells[c], CultureInfo.InvariantCulture), -0.5, 0.5);
        }
    }

    [FixtureFact("astronaut.png")]
    public void Detect_adds_blendshapes_only_when_asked()
    {
        ToolRun plain = CliProcess.Run("detect", TestPaths.Fixture("astronaut.png"));
        ToolRun withScores = CliProcess.Run("detect", "--blendshapes", TestPaths.Fixture("astronaut.png"));
        Assert.True(plain.ExitCode == 0 && withScores.ExitCode == 0, plain + " / " + withScores);
        using JsonDocument a = JsonDocument.Parse(plain.Stdout), b = JsonDocument.Parse(withScores.Stdout);
        JsonElement faceA = a.RootElement.GetProperty("faces")[0], faceB = b.RootElement.GetProperty("faces")[0];
        Assert.False(faceA.TryGetProperty("blendshapes", out _));
        Assert.False(faceB.TryGetProperty("geometry", out _));
        JsonElement scores = faceB.GetProperty("blendshapes");
        // The astronaut smiles broadly with her mouth open.
        Assert.True(scores.GetProperty("mouthSmileLeft").GetDouble() > 0.5 && scores.GetProperty("mouthSmileRight").GetDouble() > 0.5, scores.ToString());
        Assert.True(scores.GetProperty("jawOpen").GetDouble() > 0.1, scores.ToString());
        Assert.True(scores.GetProperty("eyeBlinkLeft").GetDouble() < 0.3, scores.ToString());
    }

    [Fact]
    public void Writer_repeats_the_last_face_when_a_frame_has_none_and_counts_time_from_the_first_frame()
    {
        var text = new StringWriter();
        var scores = new FaceBlendshapes();
        scores.Set(Blendshape.JawOpen, 0.25f);
        using (var writer = new LiveLinkCsvWriter(text, 30))
        {
            writer.WriteFrame(1000, scores, null);
            writer.WriteFrame(1000 + 1000.0 / 30 * 31 + 5, null, null);
        }
        string[] rows = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        int jaw = Array.IndexOf(LiveLinkHeader, "JawOpen");
        Assert.Equal(["00:00:00:00.000", "0.25"], [rows[1].Split(',')[0], rows[1].Split(',')[jaw]]);
        // 31 frames and 5 ms later at 30 fps: second 1, frame 1, plus 0.15 of a frame.
        Assert.Equal(["00:00:01:01.150", "0.25"], [rows[2].Split(',')[0], rows[2].Split(',')[jaw]]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveLinkCsvWriter(new StringWriter(), 0));
    }

    private static string ExpectedTimecode(double seconds, double fps)
    {
        int whole = (int)Math.Floor(seconds + 1e-9);
        double frames = (seconds - whole) * fps;
        int frame = (int)Math.Floor(frames + 1e-6);
        int thousandths = (int)Math.Round((frames - frame) * 1000);
        return $"{whole / 3600:00}:{whole / 60 % 60:00}:{whole % 60:00}:{frame:00}.{thousandths:000}";
    }
}
