using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using FaceMesh.Cli.Tests.Support;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Tests;

[Collection(ClipCollection.Name)]
public class PuppetCommandTests(ClipFixture clips)
{
    [FixtureFact("astronaut.png")]
    public async Task Side_by_side_video_keeps_frames_and_audio_and_the_take_is_an_animated_glb()
    {
        string output = clips.Output("puppet.mp4"), glb = clips.Output("take.glb");
        ToolRun run = CliProcess.Run("puppet", clips.Clip("face-audio.mp4"), "-o", output, "--side-by-side", "--gltf", glb);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("12 frame(s) (12 with a face)", run.Stderr, StringComparison.Ordinal);

        ProbedStream written = MediaTools.Video(output);
        Assert.Equal((512, 256, 12), (written.Width, written.Height, written.Frames));
        Assert.Contains(MediaTools.Probe(output), s => s.CodecType == "audio");
        await using (VideoReader reader = await VideoReader.OpenAsync(output, PixelFormat.Rgb24))
            await foreach (VideoFrame frame in reader.ReadFramesAsync())
            {
                // Right half: the lit avatar in the middle of a dark panel.
                (byte r, byte g, byte b) centre = At(frame.Image, 384, 128), corner = At(frame.Image, 506, 6);
                Assert.True(centre.r > 120 && centre.r > centre.b + 20, $"frame {frame.Index}: centre {centre}");
                Assert.True(corner.r < 60 && corner.g < 60 && corner.b < 70, $"frame {frame.Index}: corner {corner}");
            }

        // The take, read with System.Text.Json from the GLB's JSON chunk.
        byte[] bytes = await File.ReadAllBytesAsync(glb);
        Assert.Equal(0x46546C67u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        using JsonDocument json = JsonDocument.Parse(bytes.AsMemory(20, jsonLength));
        JsonElement root = json.RootElement;
        JsonElement animation = root.GetProperty("animations")[0];
        JsonElement rotation = animation.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("target").GetProperty("path").GetString() == "rotation");
        JsonElement input = root.GetProperty("accessors")[animation.GetProperty("samplers")[rotation.GetProperty("sampler").GetInt32()].GetProperty("input").GetInt32()];
        Assert.Equal(12, input.GetProperty("count").GetInt32());
        // 15000/1001 fps: the last of 12 frames is 11 * 66.7 ms after the first.
        Assert.Equal(11 * 1001.0 / 15000, input.GetProperty("max")[0].GetDouble(), 3);
        Assert.Equal(468, root.GetProperty("accessors")[root.GetProperty("meshes")[0].GetProperty("primitives")[0].GetProperty("attributes").GetProperty("POSITION").GetInt32()].GetProperty("count").GetInt32());
    }

    [FixtureFact("astronaut.png")]
    public void An_image_gives_one_picture_of_the_avatar_with_an_open_smiling_mouth()
    {
        string output = clips.Output("puppet.png");
        ToolRun run = CliProcess.Run("puppet", TestPaths.Fixture("astronaut.png"), "-o", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        using ImageBuffer picture = ImageFile.Read(output);
        Assert.Equal((512, 512), (picture.Width, picture.Height));
        int skin = 0, cavity = 0;
        for (int y = 0; y < 512; y++)
            for (int x = 0; x < 512; x++)
            {
                (byte r, byte g, byte b) = At(picture, x, y);
                if (r > 120 && g > 80 && r > b + 20) skin++;
                else if (r > 35 && r > 2 * g && r > b + 10) cavity++;
            }
        Assert.InRange(skin / (512.0 * 512), 0.25, 0.75);
        // The astronaut smiles with her teeth showing: the mouth's cavity is visible (as are the eyes').
        Assert.True(cavity > 2000, $"{cavity} cavity pixels");
    }

    [Fact]
    public void An_unusable_avatar_or_take_name_is_one_line_and_non_zero()
    {
        string obj = clips.Output("triangle.obj");
        File.WriteAllText(obj, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        foreach (string[] args in new[]
        {
            new[] { "puppet", TestPaths.Fixture("astronaut.png"), "-o", clips.Output("a.png"), "--avatar", obj },
            new[] { "puppet", TestPaths.Fixture("astronaut.png"), "-o", clips.Output("a.png"), "--gltf", clips.Output("take.gltf") },
            new[] { "puppet", TestPaths.Fixture("astronaut.png"), "-o", clips.Output("a.png"), "--avatar", clips.Output("absent.obj") },
        })
        {
            ToolRun run = CliProcess.Run(args);
            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("facemesh: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        }
    }

    [FixtureFact("astronaut.png")]
    public void Termination_signal_leaves_a_playable_file_and_its_take()
    {
        string output = clips.Output("stopped.mp4"), csv = clips.Output("stopped.csv");
        ToolRun run = CliProcess.Run(["puppet", clips.Clip("long.mp4"), "-o", output, "--csv", csv], process =>
        {
            DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            // The video is written under a temporary name beside its destination until it is finished.
            while (!(Directory.GetFiles(Path.GetDirectoryName(output)!, $".{Path.GetFileNameWithoutExtension(output)}.*.partial.mp4")
                       .Any(f => new FileInfo(f).Length > 0) || process.HasExited) && DateTime.UtcNow < end) Thread.Sleep(50);
            Thread.Sleep(500);
            if (!process.HasExited) ToolRun.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        });
        Assert.True(run.ExitCode == 130, run.ToString());
        long frames = MediaTools.Video(output).Frames;
        Assert.InRange(frames, 1, 599);
        // The take is kept too, with a row for each frame the video holds.
        Assert.Equal(frames + 1, File.ReadAllLines(csv).Length);
    }

    private static (byte, byte, byte) At(ImageBuffer image, int x, int y)
    {
        Span<byte> pixel = image.Row(y).Slice(3 * x, 3);
        return (pixel[0], pixel[1], pixel[2]);
    }
}
