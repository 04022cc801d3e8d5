using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Folds a residual block's ADD (and, in widening blocks, the zero channel PAD on its shortcut)
/// into the CONV_2D that produces the other operand: the convolution adds the shortcut before
/// its single store. That saves one pass over memory per block and, on several threads, one
/// synchronisation. Runs before activation fusion, so the block's PRELU or RELU then lands in
/// the same convolution. Results are bit-identical: the sum is the same single float addition.
/// </summary>
internal static class ResidualFusion
{
    public static void Fuse(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        PrivateTensors privateTensors)
    {
        var pass = new FusionPass(steps, operands);
        for (int s = 0; s < steps.Count; s++)
        {
            pass.Visit(s);
            if (steps[s].Kernel is not BinaryKernel { IsSameShapeAdd: true } add) continue;
            var (a, b, output) = add.Tensors;
            // Exported blocks put the convolution second; either order is fused.
            _ = TryFuse(s, convOutput: b, shortcut: a, output, add.Activation) || TryFuse(s, convOutput: a, shortcut: b, output, add.Activation);
        }
        pass.Finish();

        // The fused step takes the ADD's place, after everything either operand needs.
        bool TryFuse(int addStep, int convOutput, int shortcut, int output, ActivationRange addActivation)
        {
            if (!privateTensors.Contains(convOutput) || !pass.TryGetProducer(convOutput, out int convStep)) return false;
            if (steps[convStep].Kernel is not Conv2DKernel conv || operands[convStep].Outputs.Count != 1) return false;

            int source = shortcut, channels = conv.OutputChannels, padStep = -1;
            if (privateTensors.Contains(shortcut) && pass.TryGetProducer(shortcut, out int p)
                && steps[p].Kernel is PadKernel { ChannelsKept: int kept } pad)
            {
                (source, channels, padStep) = (pad.InputTensor, kept, p);
            }
            if (conv.FuseResidual(source, channels, output) is not Kernel fused) return false;
            // An ADD with its own RELU (the full-range detector's blocks) clamps the sum: same order in the epilogue.
            if (!addActivation.IsIdentity)
            {
                if (((IFusesActivation)fused).FuseActivation(addActivation, null, output) is not { } withClamp) return false;
                fused = withClamp;
            }

            pass.Replace(addStep, new CompiledStep(steps[convStep].OpIndex, fused), [.. operands[convStep].Inputs, source], [output]);
            pass.Remove(convStep);
            if (padStep >= 0) pass.Remove(padStep);
            return true;
        }
    }
}
