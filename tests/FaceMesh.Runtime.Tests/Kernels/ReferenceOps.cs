using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Kernels;

/// <summary>
/// Deliberately plain reference implementations (double precision, direct index arithmetic) of
/// the TFLite ops, following the semantics in custom_ops.md section 6. Batch 1, NHWC.
/// </summary>
internal static class ReferenceOps
{
    public static (int Out, int PadBefore) Window(Padding padding, int input, int kernel, int stride, int dilation = 1)
    {
        int effective = (kernel - 1) * dilation + 1;
        if (padding == Padding.Valid) return ((input - effective) / stride + 1, 0);
        int output = (input + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + effective - input, 0);
        return (output, total / 2);
    }

    public static double Activate(double v, FusedActivation act) => act switch
    {
        FusedActivation.Relu => Math.Max(0, v),
        FusedActivation.Relu6 => Math.Min(6, Math.Max(0, v)),
        _ => v,
    };

    public static double[] Conv2D(float[] x, int h, int w, int cin, float[] filter, int cout, int kh, int kw, float[]? bias,
        int stride, Padding padding, FusedActivation act, int dilation = 1)
    {
        var (oh, top) = Window(padding, h, kh, stride, dilation);
        var (ow, left) = Window(padding, w, kw, stride, dilation);
        var y = new double[oh * ow * cout];
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        for (int co = 0; co < cout; co++)
        {
            double sum = bias?[co] ?? 0;
            for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
            {
                int iy = oy * stride - top + ky * dilation, ix = ox * stride - left + kx * dilation;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                for (int ci = 0; ci < cin; ci++)
                    sum += (double)x[(iy * w + ix) * cin + ci] * filter[((co * kh + ky) * kw + kx) * cin + ci];
            }
            y[(oy * ow + ox) * cout + co] = Activate(sum, act);
        }
        return y;
    }

    public static double[] Depthwise(float[] x, int h, int w, int c, float[] filter, int kh, int kw, float[]? bias,
        int stride, Padding padding, FusedActivation act)
    {
        var (oh, top) = Window(padding, h, kh, stride);
        var (ow, left) = Window(padding, w, kw, stride);
        var y = new double[oh * ow * c];
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        for (int ch = 0; ch < c; ch++)
        {
            double sum = bias?[ch] ?? 0;
            for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
            {
                int iy = oy * stride - top + ky, ix = ox * stride - left + kx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                sum += (double)x[(iy * w + ix) * c + ch] * filter[(ky * kw + kx) * c + ch];
            }
            y[(oy * ow + ox) * c + ch] = Activate(sum, act);
        }
        return y;
    }

    public static double[] MaxPool(float[] x, int h, int w, int c, int k, int stride, Padding padding)
    {
        var (oh, top) = Window(padding, h, k, stride);
        var (ow, left) = Window(padding, w, k, stride);
        var y = new double[oh * ow * c];
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        for (int ch = 0; ch < c; ch++)
        {
            double best = double.NegativeInfinity;
            for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
            {
                int iy = oy * stride - top + ky, ix = ox * stride - left + kx;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) best = Math.Max(best, x[(iy * w + ix) * c + ch]);
            }
            y[(oy * ow + ox) * c + ch] = best;
        }
        return y;
    }

    /// <summary>NumPy broadcasting of two operands with an element-wise function.</summary>
    public static double[] Broadcast(float[] a, int[] shapeA, float[] b, int[] shapeB, Func<double, double, double> f)
    {
        int rank = Math.Max(shapeA.Length, shapeB.Length);
        int[] pa = Enumerable.Repeat(1, rank - shapeA.Length).Concat(shapeA).ToArray();
        int[] pb = Enumerable.Repeat(1, rank - shapeB.Length).Concat(shapeB).ToArray();
        int[] po = pa.Zip(pb, Math.Max).ToArray();
        int total = po.Aggregate(1, (p, q) => p * q);
        var y = new double[total];
        var index = new int[rank];
        for (int i = 0; i < total; i++)
        {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) { index[d] = rest % po[d]; rest /= po[d]; }
            int ia = 0, ib = 0;
            for (int d = 0; d < rank; d++)
            {
                ia = ia * pa[d] + (pa[d] == 1 ? 0 : index[d]);
                ib = ib * pb[d] + (pb[d] == 1 ? 0 : index[d]);
            }
            y[i] = f(a[ia], b[ib]);
        }
        return y;
    }

    public static double[] Pad(float[] x, int[] shape, int[] paddings)
    {
        int rank = shape.Length;
        int[] outShape = shape.Select((s, d) => s + paddings[2 * d] + paddings[2 * d + 1]).ToArray();
        int total = outShape.Aggregate(1, (p, q) => p * q);
        var y = new double[total];
        var index = new int[rank];
        for (int i = 0; i < total; i++)
        {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) { index[d] = rest % outShape[d]; rest /= outShape[d]; }
            int source = 0;
            bool inside = true;
            for (int d = 0; d < rank; d++)
            {
                int c = index[d] - paddings[2 * d];
                if (c < 0 || c >= shape[d]) { inside = false; break; }
                source = source * shape[d] + c;
            }
            y[i] = inside ? x[source] : 0;
        }
        return y;
    }

    public static double[] ResizeBilinear(float[] x, int h, int w, int c, int oh, int ow, bool alignCorners, bool halfPixel)
    {
        var y = new double[oh * ow * c];
        static (int Lo, int Hi, double Frac) Source(int o, int input, int output, bool align, bool half)
        {
            double scale = align && output > 1 ? (input - 1.0) / (output - 1) : (double)input / output;
            double s = half ? (o + 0.5) * scale - 0.5 : o * scale;
            int lo = Math.Max((int)Math.Floor(s), 0);
            int hi = Math.Min((int)Math.Floor(s) + 1, input - 1);
            return (lo, hi, Math.Max(s, 0) - lo);
        }
        for (int oy = 0; oy < oh; oy++)
        {
            var (y0, y1, fy) = Source(oy, h, oh, alignCorners, halfPixel);
            for (int ox = 0; ox < ow; ox++)
            {
                var (x0, x1, fx) = Source(ox, w, ow, alignCorners, halfPixel);
                for (int ch = 0; ch < c; ch++)
                {
                    double top = x[(y0 * w + x0) * c + ch] * (1 - fx) + x[(y0 * w + x1) * c + ch] * fx;
                    double bottom = x[(y1 * w + x0) * c + ch] * (1 - fx) + x[(y1 * w + x1) * c + ch] * fx;
                    y[(oy * ow + ox) * c + ch] = top * (1 - fy) + bottom * fy;
                }
            }
        }
        return y;
    }
}
