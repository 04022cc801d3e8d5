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
        var producer = new Dictionary<int, int>();
        var removed = new bool[steps.Count];
        for (int s = 0; s < steps.Count; s++)
        {
            foreach (int t in operands[s].Outputs) producer[t] = s;
            if (steps[s].Kernel is not Conv2DKernel { IsPointwise: true } pointwise) continue;
            int between = pointwise.InputTensor;
            if (!privateTensors.Contains(between) || !producer.TryGetValue(between, out int d) || removed[d]) continue;
            if (steps[d].Kernel is not DepthwiseConv2DKernel depthwise || operands[d].Outputs.Count != 1) continue;
            if (DepthwisePointwiseKernel.TryCreate(depthwise, pointwise) is not { } fused) continue;

            steps[s] = new CompiledStep(steps[s].OpIndex, fused);
            // The depthwise output stays an output of the step: the arena keeps it apart from everything the step reads and writes.
            operands[s] = ([.. operands[d].Inputs, .. operands[s].Inputs.Where(t => t != between)], [between, .. operands[s].Outputs]);
            removed[d] = true;
        }
        for (int s = steps.Count - 1; s >= 0; s--)
        {
            if (!removed[s]) continue;
            steps.RemoveAt(s);
            operands.RemoveAt(s);
        }
    }
}
