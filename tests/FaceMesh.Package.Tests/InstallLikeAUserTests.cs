using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using FaceMesh.Cli.Tests.Support;
using FaceMesh.Imaging;
using FaceMesh.Media;
using FaceMesh.Package.Tests.Support;

namespace FaceMesh.Package.Tests;

/// <summary>
/// The packages as a user meets them: packed into a folder feed, referenced by version from a
/// console project outside the repository, and the tool installed from the same feed. The
/// packaged library must give bit-for-bit the landmarks the in-repository build gives.
/// </summary>
public sealed class InstallLikeAUserTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private const string Photo = "astronaut.png";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly string[] Libraries = ["FaceMesh", "FaceMesh.Runtime", "FaceMesh.Imaging", "FaceMesh.Models", "FaceMesh.Media", "FaceMesh.Effects"];

    [Fact]
    public void Every_package_carries_metadata_docs_readme_notice_and_symbols()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString() + feed.Pack.Stdout);
        Assert.DoesNotContain("warning", feed.Pack.Stdout, StringComparison.OrdinalIgnoreCase);
        foreach (string id in Libraries.Append("FaceMesh.Cli"))
        {
            string nupkg = feed.Package(id);
            Assert.True(File.Exists(nupkg), $"{id} was not packed: {string.Join(", ", Directory.GetFiles(feed.Feed).Select(Path.GetFileName))}");
            Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), $"{id} has no symbols package");
            XElement metadata = Nuspec(id).Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Equal(id, Field("id"));
            Assert.Equal("Apache-2.0", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{id} has no description");
            Assert.Contains("mediapipe", Field("tags"), StringComparison.Ordinal);
            XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(repository.Attribute("commit")?.Value), $"{id}: no commit in <repository> (SourceLink)");
            Assert.Contains("dotnet add package FaceMesh", PackedFeed.ReadEntry(nupkg, e => e == "README.md"), StringComparison.Ordinal);
            Assert.Contains("Apache License, Version 2.0", PackedFeed.ReadEntry(nupkg, e => e == "NOTICE"), StringComparison.Ordinal);
        }
        foreach (string id in Libraries)
            Assert.Contains($"lib/net10.0/{id}.xml", PackedFeed.Entries(feed.Package(id)));
        Assert.Contains(PackedFeed.Entries(feed.Package("FaceMesh.Cli")), e => e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    [Fact]
    public void Dependencies_between_packages_are_the_real_ones()
    {
        Assert.Equal(["FaceMesh.Imaging", "FaceMesh.Models", "FaceMesh.Runtime"], Dependencies("FaceMesh"));
        Assert.Equal(["FaceMesh.Imaging"], Dependencies("FaceMesh.Effects"));
        Assert.Equal(["FaceMesh.Imaging"], Dependencies("FaceMesh.Media"));
        Assert.Empty(Dependencies("FaceMesh.Runtime"));
        Assert.Empty(Dependencies("FaceMesh.Imaging"));
        // The models travel inside the package: a consumer needs no npm, bash or network.
        Assert.True(new FileInfo(feed.Package("FaceMesh.Models")).Length > 2_000_000);
    }

    [FixtureFact(Photo)]
    public void A_console_app_referencing_the_package_gets_the_in_repository_landmarks()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        using ImageBuffer image = ImageFile.Read(TestPaths.Fixture(Photo));
        string raw = Path.Combine(feed.Root, "photo.rgb");
        File.WriteAllBytes(raw, image.Span.ToArray());

        string app = Directory.CreateDirectory(Path.Combine(feed.Root, "consumer")).FullName;
        File.WriteAllText(Path.Combine(app, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FaceMesh" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using FaceMesh;
            using FaceMesh.Imaging;

            byte[] pixels = File.ReadAllBytes(args[0]);
            var image = new ImageView(pixels, int.Parse(args[1]), int.Parse(args[2]), PixelFormat.Rgb24);
            using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions());
            foreach (Face face in landmarker.Detect(image).Faces)
                foreach (NormalizedLandmark l in face.Landmarks)
                    Console.WriteLine($"{BitConverter.SingleToInt32Bits(l.X):x8} {BitConverter.SingleToInt32Bits(l.Y):x8} {BitConverter.SingleToInt32Bits(l.Z):x8}");
            """);
        File.Copy(feed.NuGetConfig, Path.Combine(app, "NuGet.Config"));

        ToolRun build = PackedFeed.Dotnet(Timeout, "build", Path.Combine(app, "consumer.csproj"), "-c", "Release", "-nologo");
        Assert.True(build.ExitCode == 0, build + build.Stdout);
        // Restored from the feed, not from a cache or the repository.
        string metadata = File.ReadAllText(Path.Combine(feed.Root, "packages", "facemesh", feed.Version, ".nupkg.metadata"));
        Assert.Contains(JsonEncodedText.Encode(feed.Feed).ToString(), metadata, StringComparison.Ordinal);

        ToolRun run = PackedFeed.Dotnet(Timeout, Path.Combine(app, "bin", "Release", "net10.0", "consumer.dll"),
            raw, image.Width.ToString(CultureInfo.InvariantCulture), image.Height.ToString(CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, run.ToString());

        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions());
        var expected = new StringBuilder();
        foreach (Face face in landmarker.Detect(image.View).Faces)
            foreach (NormalizedLandmark l in face.Landmarks)
                expected.Append(CultureInfo.InvariantCulture, $"{BitConverter.SingleToInt32Bits(l.X):x8} {BitConverter.SingleToInt32Bits(l.Y):x8} {BitConverter.SingleToInt32Bits(l.Z):x8}\n");
        Assert.Equal(478, run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(expected.ToString(), run.Stdout.ReplaceLineEndings("\n"));
    }

    [FixtureFact(Photo)]
    public void The_tool_installs_from_the_feed_and_detects_as_facemesh()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        string tools = Path.Combine(feed.Root, "tools");
        ToolRun install = PackedFeed.Dotnet(Timeout, "tool", "install", "FaceMesh.Cli", "--version", feed.Version,
            "--tool-path", tools, "--configfile", feed.NuGetConfig);
        Assert.True(install.ExitCode == 0, install + install.Stdout);
        string facemesh = Path.Combine(tools, "facemesh");
        Assert.True(File.Exists(facemesh), $"no facemesh command in {tools}");

        ToolRun help = ToolRun.Start(facemesh, ["--help"], Timeout, environment: DotnetRoot());
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("facemesh [command] [options]", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FaceMesh.Cli", help.Stdout, StringComparison.Ordinal);

        string photo = TestPaths.Fixture(Photo);
        ToolRun detect = ToolRun.Start(facemesh, ["detect", photo], Timeout, environment: DotnetRoot());
        Assert.True(detect.ExitCode == 0, detect.ToString());
        using JsonDocument json = JsonDocument.Parse(detect.Stdout);
        JsonElement face = Assert.Single(json.RootElement.GetProperty("faces").EnumerateArray());
        JsonElement[] landmarks = [.. face.GetProperty("landmarks").EnumerateArray()];
        Assert.Equal(478, landmarks.Length);

        using ImageBuffer image = ImageFile.Read(photo);
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions());
        Face expected = Assert.Single(landmarker.Detect(image.View).Faces);
        for (int i = 0; i < landmarks.Length; i++)
        {
            System.Numerics.Vector3 p = expected.GetPixelLandmark(i);
            Assert.Equal(p.X, landmarks[i][0].GetSingle());
            Assert.Equal(p.Y, landmarks[i][1].GetSingle());
            Assert.Equal(p.Z, landmarks[i][2].GetSingle());
        }
    }

    private XElement Nuspec(string id) => XElement.Parse(PackedFeed.ReadEntry(feed.Package(id), e => e.EndsWith(".nuspec", StringComparison.Ordinal)));

    private string[] Dependencies(string id) => [.. Nuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency")
        .Select(e => (string)e.Attribute("id")!).Order(StringComparer.Ordinal)];

    /// <summary>The tool's launcher finds the runtime the tests run on.</summary>
    private static Dictionary<string, string> DotnetRoot()
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "/usr/share/dotnet/dotnet";
        return new() { ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(host))! };
    }
}
