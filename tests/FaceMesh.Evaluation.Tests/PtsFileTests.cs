using System.Globalization;
using System.Numerics;

namespace FaceMesh.Evaluation.Tests;

public sealed class PtsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("facemesh-pts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Pts(int count, Func<int, string>? line = null) =>
        $"version: 1\nn_points:  {count}\n{{\n" +
        string.Concat(Enumerable.Range(0, count).Select(i => (line?.Invoke(i) ?? string.Create(CultureInfo.InvariantCulture, $"{i + 1}.25 {2 * i + 1}")) + "\n")) + "}\n";

    [Fact]
    public void One_based_pixel_centres_become_pixel_corner_coordinates()
    {
        Vector2[] points = PtsFile.Read(WriteFile("a.pts", Pts(68)));
        Assert.Equal(68, points.Length);
        // 300-W's (1, 1) is the first pixel's centre, which is (0.5, 0.5) from its corner.
        Assert.Equal(new Vector2(0.75f, 0.5f), points[0]);
        Assert.Equal(new Vector2(67.75f, 134.5f), points[67]);
    }

    [Fact]
    public void Write_then_read_round_trips()
    {
        var points = Enumerable.Range(0, 68).Select(i => new Vector2(i * 1.37f + 0.11f, 300 - i * 2.5f)).ToArray();
        string path = Path.Combine(_dir, "b.pts");
        PtsFile.Write(path, points);
        Assert.StartsWith("version: 1\nn_points:  68\n{\n0.61 300.5\n", File.ReadAllText(path), StringComparison.Ordinal); // +0.5: back to 1-based pixel centres
        Vector2[] back = PtsFile.Read(path);
        for (int i = 0; i < 68; i++) Assert.True(Vector2.Distance(points[i], back[i]) < 1e-4f, $"point {i}: {points[i]} vs {back[i]}");
    }

    [Theory]
    [InlineData("too-few", "67 points")]
    [InlineData("wrong-count", "n_points is 5")]
    [InlineData("not-a-number", ":10:")]
    [InlineData("unclosed", "no '}'")]
    [InlineData("no-header", "no 'n_points'")]
    public void Malformed_files_name_the_file_and_the_problem(string kind, string expected)
    {
        string text = kind switch
        {
            "too-few" => Pts(68).Replace("68.25 135\n", "", StringComparison.Ordinal),
            "wrong-count" => Pts(5),
            "not-a-number" => Pts(68, i => i == 6 ? "12.0 abc" : "1 1"),
            "unclosed" => Pts(68).Replace("}", "", StringComparison.Ordinal),
            _ => "{\n1 2\n}\n",
        };
        string path = WriteFile(kind + ".pts", text);
        var ex = Assert.Throws<AnnotationFormatException>(() => PtsFile.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_pairs_X_pts_and_X_N_pts_with_X_image_and_lists_the_rest_as_skipped()
    {
        foreach (string image in new[] { "single.jpg", "group.png", "sub/deep.jpg" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_dir, image))!);
            File.WriteAllBytes(Path.Combine(_dir, image), [0]);
        }
        WriteFile("single.pts", Pts(68));
        WriteFile("group_2.pts", Pts(68));
        WriteFile("group_10.pts", Pts(68));
        WriteFile("group_1.pts", Pts(68));
        WriteFile("sub/deep.pts", Pts(68));
        WriteFile("orphan.pts", Pts(68));
        WriteFile("group_3.pts", Pts(12));

        AnnotatedDataset data = AnnotatedDataset.Load(_dir, AnnotationFormat.Pts);

        Assert.Equal(["group.png", "single.jpg", "sub/deep.jpg"], data.Images.Select(i => i.Name));
        Assert.Equal(["1", "2", "10"], data.Images[0].Faces.Select(f => f.Id));
        Assert.Equal([""], data.Images[1].Faces.Select(f => f.Id));
        Assert.Equal(5, data.FaceCount);
        Assert.Equal(2, data.Skipped.Count);
        Assert.Contains(data.Skipped, s => s.Path.EndsWith("orphan.pts", StringComparison.Ordinal) && s.Reason.Contains("no image", StringComparison.Ordinal));
        Assert.Contains(data.Skipped, s => s.Path.EndsWith("group_3.pts", StringComparison.Ordinal) && s.Reason.Contains("n_points is 12", StringComparison.Ordinal));
    }

    [Fact]
    public void MediaPipe_json_annotations_go_through_the_correspondence()
    {
        File.WriteAllBytes(Path.Combine(_dir, "face.png"), [0]);
        string points = string.Join(",", Enumerable.Range(0, 468).Select(i => $"[{i},{i + 1000},0.5]"));
        WriteFile("face.json", $$"""{"image": "face.png", "faces": [{"landmarks": [{{points}}]}]}""");
        WriteFile("bad.json", """{"faces": [{"landmarks": [[1, 2]]}]}""");
        File.WriteAllBytes(Path.Combine(_dir, "bad.png"), [0]);

        AnnotatedDataset data = AnnotatedDataset.Load(_dir, AnnotationFormat.MediaPipeJson);

        AnnotatedFace face = Assert.Single(Assert.Single(data.Images).Faces);
        Assert.Equal(new Vector2(4, 1004), face.Points[30]); // iBUG 30 (nose tip) = MediaPipe 4
        Assert.Contains("1 landmarks", Assert.Single(data.Skipped).Reason, StringComparison.Ordinal);
    }
}
