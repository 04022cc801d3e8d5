using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceMesh.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FaceMesh.Web.Tests;

/// <summary>
/// The page in a real browser: headless Chromium with a fake camera playing a face video, against
/// the real server. Screenshots go to <c>browser-artifacts/</c> beside the test assembly (the path is
/// printed), and to $FACEMESH_SCREENSHOT_DIR when set (scripts/make-readme-images.sh uses that).
/// </summary>
public sealed partial class BrowserTests(ITestOutputHelper output)
{
    private static readonly float Timeout = (float)TimeSpan.FromMinutes(3).TotalMilliseconds;

    [BrowserFact("Megamind.avi", "grace_hopper.jpg")]
    public async Task The_webcam_page_runs_tracks_the_face_and_draws_the_mesh_on_it_and_so_does_a_photo()
    {
        string work = WebTestImages.TempDirectory("facemesh-browser");
        try
        {
            string camera = Path.Combine(work, "camera.y4m");
            MakeCameraFeed(TestPaths.Fixture("Megamind.avi"), camera);
            await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxPipelines = 2 });
            using IPlaywright playwright = await Playwright.CreateAsync();
            await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserFactAttribute.Chromium,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream",
                    "--use-fake-ui-for-media-stream", $"--use-file-for-fake-video-capture={camera}",
                ],
            });
            IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 820 } });
            var problems = new List<string>();
            // Errors only: reading the overlay back (below, twice) earns a performance warning that is the test's own doing.
            page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
            page.PageError += (_, error) => problems.Add(error);

            await page.GotoAsync(server.BaseAddress.ToString());
            await page.ClickAsync("#webcam");
            await WaitForAsync(page, problems,
                "document.getElementById('status').dataset.state === 'running' && window.facemeshDemo.frames >= 40 && document.getElementById('fps').textContent !== '–'");
            Assert.Equal("running", await page.TextContentAsync("#status"));

            // Latency and server time are shown, in milliseconds.
            string latency = await page.TextContentAsync("#latency") ?? "";
            Assert.Matches(Milliseconds(), latency);
            Assert.Matches(Milliseconds(), await page.TextContentAsync("#serverTime") ?? "");
            output.WriteLine($"webcam: latency {latency}, server {await page.TextContentAsync("#serverTime")}, fps {await page.TextContentAsync("#fps")}, dropped {await page.TextContentAsync("#dropped")}");

            OverlayCoverage webcam = await MeasureOverlayAsync(page);
            string webcamShot = await ScreenshotAsync(page, "serve-webcam.png");
            output.WriteLine($"webcam overlay: {webcam}; screenshot {webcamShot}");

            using (JsonDocument health = JsonDocument.Parse(await server.Http.GetStringAsync("/api/health")))
            {
                JsonElement frames = health.RootElement.GetProperty("frames");
                long received = frames.GetProperty("received").GetInt64(), withFace = frames.GetProperty("withFace").GetInt64();
                output.WriteLine($"server: {withFace} of {received} frames with a face");
                Assert.True(received >= 40, $"{received} frames");
                Assert.True(withFace >= 0.9 * received, $"a face on {withFace} of {received} frames");
            }
            AssertOverlayOnTheFace(webcam);

            // The photo path: the mesh of the uploaded photo, drawn inside the face box /api/detect reports.
            await page.SetInputFilesAsync("#photoFile", TestPaths.Fixture("grace_hopper.jpg"));
            await WaitForAsync(page, problems,
                "window.facemeshDemo.source === 'photo' && !document.getElementById('photo').hidden && window.facemeshDemo.lastResult && window.facemeshDemo.lastResult.width === 512 && window.facemeshDemo.lastResult.faces.length === 1");
            OverlayCoverage photo = await MeasureOverlayAsync(page);
            string photoShot = await ScreenshotAsync(page, "serve-photo.png");
            output.WriteLine($"photo overlay: {photo}; screenshot {photoShot}");
            AssertOverlayOnTheFace(photo);
            float[] detectedBox = await DetectedBoxAsync(server, "grace_hopper.jpg");
            // The overlay's drawn extent agrees with the face box of an independent image-mode run.
            Assert.InRange(photo.DrawnCentreX, detectedBox[0], detectedBox[0] + detectedBox[2]);
            Assert.InRange(photo.DrawnCentreY, detectedBox[1], detectedBox[1] + detectedBox[3]);

            Assert.True(problems.Count == 0, "browser console: " + string.Join(" | ", problems));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Waits for a condition on the page; on timeout, fails with the page's state and console.</summary>
    private static async Task WaitForAsync(IPage page, List<string> problems, string condition)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => {condition}", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            string state = await page.EvaluateAsync<string>(
                "() => JSON.stringify({ status: document.getElementById('status').textContent, source: window.facemeshDemo.source, frames: window.facemeshDemo.frames, " +
                "sequence: window.facemeshDemo.sequence, inFlight: !!window.facemeshDemo.inFlight, photoPending: window.facemeshDemo.photoPending, " +
                "socket: window.facemeshDemo.socket && window.facemeshDemo.socket.readyState, lastError: window.facemeshDemo.lastError, " +
                "lastWidth: window.facemeshDemo.lastResult && window.facemeshDemo.lastResult.width, photoHidden: document.getElementById('photo').hidden })");
            Assert.Fail($"timed out waiting for {condition}; page: {state}; console: {string.Join(" | ", problems)}");
        }
    }

    private static void AssertOverlayOnTheFace(OverlayCoverage coverage)
    {
        Assert.True(coverage.OverlayAlignedWithMedia, "the overlay canvas does not cover the picture exactly");
        Assert.True(coverage.InsideFraction > 0.15, $"too little drawn inside the face: {coverage}");
        Assert.True(coverage.FarOutsideFraction < 0.001, $"drawn far outside the face: {coverage}");
    }

    /// <summary>
    /// Reads the overlay canvas (what the page adds on top of the picture: transparent where it
    /// draws nothing) against the face's landmark box in the same result.
    /// </summary>
    private static async Task<OverlayCoverage> MeasureOverlayAsync(IPage page)
    {
        JsonElement m = await page.EvaluateAsync<JsonElement>("""
            () => {
              const result = window.facemeshDemo.lastResult;
              const overlay = document.getElementById('overlay');
              const media = document.getElementById(window.facemeshDemo.source === 'photo' ? 'photo' : 'video');
              const points = result.faces[0].landmarks;
              const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
              const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
              const w = box[2] - box[0], h = box[3] - box[1];
              const far = [box[0] - 0.2 * w, box[1] - 0.2 * h, box[2] + 0.2 * w, box[3] + 0.2 * h];
              const alpha = overlay.getContext('2d').getImageData(0, 0, overlay.width, overlay.height).data;
              let inside = 0, insideArea = 0, farOutside = 0, farArea = 0, sx = 0, sy = 0, drawn = 0;
              for (let y = 0; y < overlay.height; y++) for (let x = 0; x < overlay.width; x++) {
                const on = alpha[(y * overlay.width + x) * 4 + 3] > 0;
                if (on) { sx += x; sy += y; drawn++; }
                if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) { insideArea++; if (on) inside++; }
                else if (x < far[0] || x > far[2] || y < far[1] || y > far[3]) { farArea++; if (on) farOutside++; }
              }
              const a = overlay.getBoundingClientRect(), b = media.getBoundingClientRect();
              const aligned = Math.abs(a.left - b.left) < 2 && Math.abs(a.top - b.top) < 2 && Math.abs(a.width - b.width) < 2 && Math.abs(a.height - b.height) < 2
                && Math.abs(overlay.width / overlay.height - b.width / b.height) < 0.02;
              return { inside: inside / insideArea, farOutside: farArea ? farOutside / farArea : 0, aligned, cx: sx / drawn, cy: sy / drawn, box };
            }
            """);
        return new OverlayCoverage(m.GetProperty("inside").GetDouble(), m.GetProperty("farOutside").GetDouble(),
            m.GetProperty("aligned").GetBoolean(), m.GetProperty("cx").GetDouble(), m.GetProperty("cy").GetDouble());
    }

    private static async Task<float[]> DetectedBoxAsync(TestServer server, string fixture)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(TestPaths.Fixture(fixture))), "image", fixture } };
        using HttpResponseMessage response = await server.Http.PostAsync("/api/detect", form);
        using JsonDocument result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. result.RootElement.GetProperty("faces")[0].GetProperty("box").EnumerateArray().Select(v => v.GetSingle())];
    }

    private async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable("FACEMESH_SCREENSHOT_DIR") is { Length: > 0 } extra)
        {
            Directory.CreateDirectory(extra);
            File.Copy(path, Path.Combine(extra, name), overwrite: true);
            output.WriteLine($"copied to {Path.Combine(extra, name)}");
        }
        return path;
    }

    /// <summary>
    /// The raw YUV4MPEG file Chromium's fake camera loops: the clip's first three seconds, 640 wide,
    /// forwards then backwards (a loop without a jump cut, which no tracker follows), played at half
    /// speed: the shared test machine answers a few frames a second, and a face that moves by half
    /// its width between two processed frames is lost by MediaPipe's tracking too.
    /// </summary>
    private static void MakeCameraFeed(string video, string y4m)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        const string PingPong = "[0:v]fps=12,scale=640:-2,split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1:a=0,setpts=N/(6*TB)[v]";
        foreach (string a in new[] { "-v", "error", "-nostdin", "-y", "-t", "3", "-i", video, "-filter_complex", PingPong, "-map", "[v]", "-r", "6", "-pix_fmt", "yuv420p", y4m })
            info.ArgumentList.Add(a);
        using Process ffmpeg = Process.Start(info)!;
        string errors = ffmpeg.StandardError.ReadToEnd();
        Assert.True(ffmpeg.WaitForExit(TimeSpan.FromMinutes(2)) && ffmpeg.ExitCode == 0, $"ffmpeg: {errors}");
    }

    [GeneratedRegex(@"^\d+(\.\d+)? ms$")]
    private static partial Regex Milliseconds();

    private sealed record OverlayCoverage(double InsideFraction, double FarOutsideFraction, bool OverlayAlignedWithMedia, double DrawnCentreX, double DrawnCentreY);
}
