using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Hands tensors from one pixels-in-lanes kernel to the next as channel planes
/// (<see cref="ChannelPlaneLayout"/>) rather than NHWC, where the step that writes a tensor and
/// every step that reads it can take planes: in the short-range detector, the first layer, the
/// two 64x64 blocks, the first pool, the first stride-2 block, the two 32x32 blocks after it, the
/// second pool and the second stride-2 block (which writes NHWC pixels for the 16x16 blocks). Each NHWC hand-over cost the
/// writer a transpose out of its lanes and the reader one back in. Some kernels take planes
/// only together: a pool reads and writes them or neither, and a pair runs on planes only when
/// its input and its own shortcut, if any, both are (<see cref="ChannelPlanePair.IsReady"/>).
/// Runs after <see cref="DepthwisePointwiseFusion"/>; returns the planar tensors' sizes in
/// floats, which are larger than their shapes say.
/// </summary>
internal static class ChannelPlaneLinks
{
    public static Dictionary<int, long> Link(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        int[] aliasOf, IReadOnlyList<int> graphInputs, IReadOnlyList<int> graphOutputs, Func<int, IReadOnlyList<int>> shapeOf)
    {
        var planar = Candidates(steps, operands, aliasOf, graphInputs, graphOutputs);
        while (DropUnpaired(steps, planar)) { }

        var sizes = new Dictionary<int, long>();
        foreach (int tensor in planar)
        {
            IReadOnlyList<int> shape = shapeOf(tensor);
            sizes[tensor] = ChannelPlaneLayout.TensorFloats(shape[1], shape[2], shape[3]);
        }
        for (int s = 0; s < steps.Count; s++)
        {
            Kernel? linked = steps[s].Kernel switch
            {
                RgbConv2DKernel rgb when planar.Contains(rgb.OutputTensor) => rgb.WithPlaneOutput(),
                MaxPool2DKernel pool when planar.Contains(pool.InputTensor) => pool.WithPlanes(),
                DepthwisePointwiseKernel { Planes: { } pair } kernel
                    when planar.Contains(pair.InputTensor) || planar.Contains(pair.SeparateShortcut) || planar.Contains(pair.OutputTensor)
                    => kernel.WithPlaneLayouts(planar.Contains(pair.InputTensor), planar.Contains(pair.SeparateShortcut), planar.Contains(pair.OutputTensor)),
                _ => null,
            };
            if (linked is not null) steps[s] = new CompiledStep(steps[s].OpIndex, linked);
        }
        foreach (int pooled in AbsorbPools(steps, operands, graphOutputs)) sizes.Remove(pooled);
        return sizes;
    }

    /// <summary>
    /// Drops each pool on planes whose output only a stride-2 pair over the same input reads, as
    /// its shortcut: the pair takes those maxima from the columns its depthwise sweep splits
    /// anyway (<see cref="ChannelPlanePair.WithPooledShortcut"/>), and the pool's read of the whole
    /// input, its write and the pair's read of the result go. Returns the tensors no step uses any more.
    /// </summary>
    private static List<int> AbsorbPools(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        IReadOnlyList<int> graphOutputs)
    {
        var gone = new List<int>();
        for (int s = steps.Count - 1; s >= 0; s--)
        {
            if (steps[s].Kernel is not MaxPool2DKernel { RunsOnPlanes: true } pool || graphOutputs.Contains(pool.OutputTensor)) continue;
            int[] readers = Enumerable.Range(0, steps.Count).Where(r => operands[r].Inputs.Contains(pool.OutputTensor)).ToArray();
            if (readers is not [int reader] || steps[reader].Kernel is not DepthwisePointwiseKernel { Planes: { } pair } kernel
                || !pair.CanPoolShortcut(pool.InputTensor, pool.OutputTensor)) continue;
            steps[reader] = new CompiledStep(steps[reader].OpIndex, kernel.WithPooledShortcut(pool.Activation));
            operands[reader] = (operands[reader].Inputs.Where(t => t != pool.OutputTensor).ToArray(), operands[reader].Outputs);
            gone.Add(pool.OutputTensor);
            steps.RemoveAt(s);
            operands.RemoveAt(s);
        }
        return gone;
    }

    /// <summary>Tensors one step writes and others read, none of them graph inputs, outputs or aliases, where every one of those steps can take planes.</summary>
    private static HashSet<int> Candidates(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        int[] aliasOf, IReadOnlyList<int> graphInputs, IReadOnlyList<int> graphOutputs)
    {
        var writers = new Dictionary<int, int>();
        var unwritable = new HashSet<int>();
        for (int s = 0; s < steps.Count; s++)
        {
            foreach (int t in operands[s].Outputs)
            {
                if (!writers.TryAdd(t, s)) unwritable.Add(t);
            }
        }
        var candidates = new HashSet<int>();
        foreach (var (tensor, writer) in writers)
        {
            if (unwritable.Contains(tensor) || aliasOf[tensor] != tensor || graphInputs.Contains(tensor) || graphOutputs.Contains(tensor)) continue;
            if (!CanWrite(steps[writer].Kernel, tensor)) continue;
            bool read = false, allReadPlanes = true;
            for (int s = 0; s < steps.Count && allReadPlanes; s++)
            {
                if (s == writer || !operands[s].Inputs.Contains(tensor)) continue;
                read = true;
                allReadPlanes = CanRead(steps[s].Kernel, tensor);
            }
            if (read && allReadPlanes) candidates.Add(tensor);
        }
        for (int t = 0; t < aliasOf.Length; t++)
        {
            if (aliasOf[t] != t) candidates.Remove(aliasOf[t]);
        }
        return candidates;
    }

    private static bool CanWrite(Kernel kernel, int tensor) => kernel switch
    {
        RgbConv2DKernel { UsesPixelLanes: true } rgb => rgb.OutputTensor == tensor,
        MaxPool2DKernel { CanRunOnPlanes: true } pool => pool.OutputTensor == tensor,
        DepthwisePointwiseKernel { Planes: { } pair } => pair.OutputTensor == tensor,
        _ => false,
    };

    private static bool CanRead(Kernel kernel, int tensor) => kernel switch
    {
        MaxPool2DKernel { CanRunOnPlanes: true } pool => pool.InputTensor == tensor,
        DepthwisePointwiseKernel { Planes: { } pair } => pair.InputTensor == tensor || pair.SeparateShortcut == tensor,
        _ => false,
    };

    /// <summary>Drops the tensors of kernels that take planes only together but would not get all of them; true if any went.</summary>
    private static bool DropUnpaired(List<CompiledStep> steps, HashSet<int> planar)
    {
        bool dropped = false;
        foreach (CompiledStep step in steps)
        {
            switch (step.Kernel)
            {
                case MaxPool2DKernel { CanRunOnPlanes: true } pool when planar.Contains(pool.InputTensor) != planar.Contains(pool.OutputTensor):
                    dropped |= planar.Remove(pool.InputTensor) | planar.Remove(pool.OutputTensor);
                    break;
                case DepthwisePointwiseKernel { Planes: { } pair }
                    when !planar.Contains(pair.InputTensor) || pair.SeparateShortcut >= 0 && !planar.Contains(pair.SeparateShortcut):
                    dropped |= planar.Remove(pair.InputTensor) | planar.Remove(pair.SeparateShortcut) | planar.Remove(pair.OutputTensor);
                    break;
            }
        }
        return dropped;
    }
}
