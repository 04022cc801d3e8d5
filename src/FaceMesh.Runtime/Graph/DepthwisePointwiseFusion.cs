using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Pairs each depthwise convolution with the 1x1 convolution that alone reads its output (the
/// two halves of every separable block) into one <see cref="DepthwisePointwiseKernel"/> step at the
/// 1x1 layer's place. Runs last, once residuals and activations have been fused into both.
/// </summary>
internal static class DepthwisePointwiseFusion
{
    public static void Fuse(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        PrivateTensors privateTensors)
    {
        var pass = new FusionPass(steps, operands);
        for (int s = 0; s < steps.Count; s++)
        {
            pass.Visit(s);
            if (steps[s].Kernel is not Conv2DKernel { IsPointwise: true } pointwise) continue;
            int between = pointwise.InputTensor;
            if (!privateTensors.Contains(between) || !pass.TryGetProducer(between, out int d)) continue;
            if (steps[d].Kernel is not DepthwiseConv2DKernel depthwise || operands[d].Outputs.Count != 1) continue;
            if (DepthwisePointwiseKernel.TryCreate(depthwise, pointwise) is not { } fused) continue;

            // The depthwise output stays an output of the step: the arena keeps it apart from everything the step reads and writes.
            pass.Replace(s, new CompiledStep(steps[s].OpIndex, fused),
                [.. operands[d].Inputs, .. operands[s].Inputs.Where(t => t != between)], [between, .. operands[s].Outputs]);
            pass.Remove(d);
        }
        pass.Finish();
    }
}
