using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Tests.InstructionSets;

/// <summary>
/// Runs the kernel, graph and real-model tests again in a child process whose runtime is told to hide
/// AVX-512 (and then AVX2), so the 256-bit and scalar paths are what the kernels pick on their
/// own, as on a user's older CPU or an AVX2-only AMD EPYC (where a graph test that assumed the
/// 512-bit fusions once failed in CI). The child also runs <see cref="IsaProbe"/>, which fails unless
/// the runtime really hid the instructions: .NET 10 ignores the old DOTNET_EnableAVX512F knob.
/// </summary>
public sealed class ReducedInstructionSetTests
{
    internal const string ExpectedIsaVariable = "FACEMESH_TEST_EXPECTED_ISA";

    public static TheoryData<string, string> Configurations => new()
    {
        { "DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0", nameof(VectorIsa.Vector256) },
        { "DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0 DOTNET_EnableAVX2=0", nameof(VectorIsa.Scalar) },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Kernels_match_the_reference_with_wider_instruction_sets_disabled(string environment, string expectedIsa)
    {
        if (Environment.GetEnvironmentVariable(ExpectedIsaVariable) is not null) return; // already the child
        if (!Avx2.IsSupported || !Fma.IsSupported) return; // nothing wider to hide here; the scalar mode runs in-process

        string assembly = typeof(ReducedInstructionSetTests).Assembly.Location;
        string workDirectory = Directory.CreateTempSubdirectory("facemesh-isa-").FullName;
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = workDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string argument in new[]
                     {
                         "test", assembly, "--nologo",
                         "--filter", "FullyQualifiedName~FaceMesh.Runtime.Tests.Kernels|FullyQualifiedName~FaceMesh.Runtime.Tests.Graph|FullyQualifiedName~IsaProbe",
                     })
                start.ArgumentList.Add(argument);
            foreach (string pair in environment.Split(' '))
            {
                string[] parts = pair.Split('=');
                start.Environment[parts[0]] = parts[1];
            }
            start.Environment[ExpectedIsaVariable] = expectedIsa;

            using Process child = Process.Start(start) ?? throw new InvalidOperationException("dotnet test did not start");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            Task<string> error = child.StandardError.ReadToEndAsync(timeout.Token);
            string output = await child.StandardOutput.ReadToEndAsync(timeout.Token);
            await child.WaitForExitAsync(timeout.Token);
            string log = output + await error;
            Assert.True(child.ExitCode == 0, $"child run with {environment} failed:\n{log}");
            Assert.Contains("Passed!", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }
}
