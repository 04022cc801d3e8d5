using System.Text;

namespace FaceMesh.Queue.Tests;

public sealed class JobMessageTests
{
    private static JobMessage Job(JobSettings options) => new()
    {
        Input = "/data/a.jpg",
        ContentHash = new string('a', 64),
        Options = options,
        OptionsHash = JobMessage.HashOptions(options),
    };

    [Fact]
    public void A_message_survives_the_wire_unchanged()
    {
        JobMessage job = Job(new JobSettings { MaxFaces = 3, Detector = "full", Smoothing = false });
        Assert.Equal(job, JobMessage.Parse(job.ToBytes()));
        Assert.Contains("\"contentHash\":\"aaaa", Encoding.UTF8.GetString(job.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_change_results_change_the_key_and_equal_options_keep_it()
    {
        string defaults = JobMessage.HashOptions(new JobSettings());
        Assert.Equal(defaults, JobMessage.HashOptions(new JobSettings()));
        Assert.NotEqual(defaults, JobMessage.HashOptions(new JobSettings { Smoothing = false }));
        Assert.NotEqual(defaults, JobMessage.HashOptions(new JobSettings { Refine = false }));
        Assert.Equal(64, defaults.Length);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"input\":\"/a.jpg\",\"contentHash\":\"short\",\"options\":{},\"optionsHash\":\"x\"}")]
    [InlineData("null")]
    public void A_malformed_message_is_a_format_error(string body) =>
        Assert.Throws<FormatException>(() => JobMessage.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void An_unknown_detector_is_rejected_before_any_work() =>
        Assert.Throws<FormatException>(() => new JobSettings { Detector = "huge" }.ToBatchOptions());

    [Fact]
    public async Task The_content_hash_is_the_sha256_of_the_bytes()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "abc");
            JobMessage job = await JobMessage.ForFileAsync(file, new JobSettings());
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", job.ContentHash);
            Assert.Equal(Path.GetFullPath(file), job.Input);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
