using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Hands a tensor from one pixels-in-lanes kernel to the next as channel planes
/// (<see cref="ChannelPlaneLayout"/>) rather than NHWC, where one step writes it and one
/// depthwise+1x1 pair on its planes path alone reads it: the short-range detector's first layer
/// and first two blocks. Each NHWC hand-over cost the writer a transpose out of its lanes and the
/// reader one back in (a tenth of a millisecond over the three steps). Runs after
/// <see cref="DepthwisePointwiseFusion"/>; returns the planar tensors' sizes in floats, which
/// are larger than their shapes say.
/// </summary>
internal static class ChannelPlaneLinks
{
    public static Dictionary<int, long> Link(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        int[] aliasOf, IReadOnlyList<int> graphInputs, IReadOnlyList<int> graphOutputs)
    {
        var sizes = new Dictionary<int, long>();
        for (int s = 0; s < steps.Count; s++)
        {
            if (steps[s].Kernel is not DepthwisePointwiseKernel { Planes: { } reader } pair) continue;
            int tensor = reader.InputTensor;
            if (!IsHandedOver(tensor, s, operands, aliasOf, graphInputs, graphOutputs, out int producer)) continue;
            Kernel? writer = steps[producer].Kernel switch
            {
                RgbConv2DKernel { UsesPixelLanes: true } rgb when rgb.OutputTensor == tensor && rgb.OutChannels == reader.InChannels
                    && rgb.Geometry.OutputHeight == reader.Height && rgb.Geometry.OutputWidth == reader.Width => rgb.WithPlaneOutput(),
                DepthwisePointwiseKernel { Planes: { } previous } earlier when previous.OutputTensor == tensor
                    => earlier.WithPlaneLayouts(previous.ReadsPlanes, writesPlanes: true),
                _ => null,
            };
            if (writer is null) continue;
            steps[producer] = new CompiledStep(steps[producer].OpIndex, writer);
            steps[s] = new CompiledStep(steps[s].OpIndex, pair.WithPlaneLayouts(readsPlanes: true, reader.WritesPlanes));
            sizes[tensor] = ChannelPlaneLayout.TensorFloats(reader.Height, reader.Width, reader.InChannels);
        }
        return sizes;
    }

    /// <summary>Whether only step <paramref name="reader"/> reads <paramref name="tensor"/>, one earlier step writes it, and nothing else can see it.</summary>
    private static bool IsHandedOver(int tensor, int reader, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        int[] aliasOf, IReadOnlyList<int> graphInputs, IReadOnlyList<int> graphOutputs, out int producer)
    {
        producer = -1;
        if (aliasOf[tensor] != tensor || graphInputs.Contains(tensor) || graphOutputs.Contains(tensor)) return false;
        for (int t = 0; t < aliasOf.Length; t++)
        {
            if (t != tensor && aliasOf[t] == tensor) return false;
        }
        for (int s = 0; s < operands.Count; s++)
        {
            if (s != reader && operands[s].Inputs.Contains(tensor)) return false;
            if (operands[s].Outputs.Contains(tensor))
            {
                if (producer >= 0 || s > reader) return false;
                producer = s;
            }
        }
        return producer >= 0;
    }
}
