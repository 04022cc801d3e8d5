using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>RESHAPE: validated at load, then its output simply shares the input's memory.</summary>
internal static class ReshapeOp
{
    public static Kernel? Create(KernelBuildContext context)
    {
        context.RequireArity(1, 2, 1);
        IReadOnlyList<int>? requested = null;
        if (context.InputCount == 2 && context.InputTensor(1) >= 0 && context.IsConstantInput(1))
            requested = context.ConstantInts(1);
        else if (context.Op.Options is ReshapeOptions { NewShape.Count: > 0 } options)
            requested = options.NewShape;
        else if (context.InputCount == 2 && context.InputTensor(1) >= 0)
            throw context.Unsupported("a shape computed at run time is not supported");

        IReadOnlyList<int> output = context.OutputShape(0);
        if (requested is not null && !Matches(requested, output, ShapeMath.ElementCount(context.InputShape(0))))
            throw context.Format($"requested shape {ShapeMath.Format(requested)} does not match output '{context.Output(0).Name}' {ShapeMath.Format(output)}");
        context.ArenaInput(0);
        context.ArenaOutput(0);
        context.AliasOutputToInput();
        return null;
    }

    private static bool Matches(IReadOnlyList<int> requested, IReadOnlyList<int> output, long count)
    {
        if (requested.Count != output.Count) return false;
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < requested.Count; i++)
        {
            if (requested[i] == -1) inferred = i;
            else if (requested[i] != output[i]) return false;
            else known *= requested[i];
        }
        return inferred < 0 || known != 0 && count / known == output[inferred];
    }
}
