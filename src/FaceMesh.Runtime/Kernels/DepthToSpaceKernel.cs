using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// DEPTH_TO_SPACE (NHWC, DCR order as TFLite): out[h*b + i, w*b + j, c] = in[h, w, (i*b + j)*C + c].
/// Each output row is a sequence of contiguous C-channel copies. Work units are output rows.
/// </summary>
internal sealed unsafe class DepthToSpaceKernel : Kernel
{
    private readonly int _input;
    private readonly int _output;
    private readonly int _block;
    private readonly int _inWidth;
    private readonly int _inChannels;
    private readonly int _outChannels;
    private readonly int _outHeight;

    private DepthToSpaceKernel(int input, int output, int block, int inHeight, int inWidth, int inChannels) : base("DepthToSpace")
    {
        _input = input;
        _output = output;
        _block = block;
        _inWidth = inWidth;
        _inChannels = inChannels;
        _outChannels = inChannels / (block * block);
        _outHeight = inHeight * block;
    }

    public override int WorkUnits => _outHeight;

    public override long Cost => (long)_outHeight * _inWidth * _block * _outChannels;


    protected override int CostToConvolutionRatio => 6;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(1, 1, 1);
        int block = context.Options<DepthToSpaceOptions>().BlockSize;
        context.ExpectInputRank(0, 4);
        context.ExpectBatchOne(0);
        IReadOnlyList<int> shape = context.InputShape(0);
        if (block < 1 || shape[3] % (block * block) != 0)
            throw context.Format($"block size {block} does not divide the {shape[3]} input channels into block*block groups");
        context.ExpectOutputShape(0, [1, shape[1] * block, shape[2] * block, shape[3] / (block * block)]);
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new DepthToSpaceKernel(input, output, block, shape[1], shape[2], shape[3]);
    }

    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        int outWidth = _inWidth * _block;
        for (int oy = begin; oy < end; oy++)
        {
            int h = oy / _block, i = oy - h * _block;
            float* destination = output + (long)oy * outWidth * _outChannels;
            for (int ox = 0; ox < outWidth; ox++)
            {
                int w = ox / _block, j = ox - w * _block;
                float* source = input + ((long)h * _inWidth + w) * _inChannels + (i * _block + j) * _outChannels;
                new ReadOnlySpan<float>(source, _outChannels).CopyTo(new Span<float>(destination + (long)ox * _outChannels, _outChannels));
            }
        }
    }
}
