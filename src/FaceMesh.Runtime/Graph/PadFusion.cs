using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Folds a zero PAD of height and width (the full-range detector puts one before every VALID
/// depthwise convolution) into the convolution that alone reads it: the convolution takes the
/// PAD's input with the padding as its own, and taps that fall outside read zero. That saves
/// writing and reading a padded copy of the image per block. The convolutions' border paths
/// add exactly what the padded copy contributed (+0 or nothing), so results only differ in
/// the sign of an exactly-zero sum. Runs first, so residual and activation fusion see the
/// fused convolution.
/// </summary>
internal static class PadFusion
{
    public static void Fuse(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        PrivateTensors privateTensors)
    {
        var pass = new FusionPass(steps, operands);
        for (int s = 0; s < steps.Count; s++)
        {
            pass.Visit(s);
            if (steps[s].Kernel is not IFusesSpatialPad reader) continue;
            int padded = reader.InputTensor;
            if (!privateTensors.Contains(padded) || !pass.TryGetProducer(padded, out int p)) continue;
            if (steps[p].Kernel is not PadKernel { SpatialPadding: { } frame } pad) continue;
            if (reader.ReadUnpadded(pad.InputTensor, frame.Height, frame.Width, frame.Top, frame.Left) is not { } fused) continue;

            pass.Replace(s, steps[s] with { Kernel = fused },
                [pad.InputTensor, .. operands[s].Inputs.Where(t => t != padded)], operands[s].Outputs);
            pass.Remove(p);
        }
        pass.Finish();
    }
}
