using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Tests.InstructionSets;

/// <summary>In a child run of <see cref="ReducedInstructionSetTests"/>: the kernels chose the path the environment asked for.</summary>
public sealed class IsaProbe
{
    [Fact]
    public void The_kernels_use_the_expected_vector_path()
    {
        string? expected = Environment.GetEnvironmentVariable(ReducedInstructionSetTests.ExpectedIsaVariable);
        if (expected is null) return;
        Assert.Equal(expected, SimdSupport.Select(useSimd: true, maxVectorBits: 512).ToString());
    }
}
