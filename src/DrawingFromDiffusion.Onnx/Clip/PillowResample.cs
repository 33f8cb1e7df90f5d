namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>
/// Pillow's 8-bit resampling (libImaging/Resample.c) bit for bit: separable bicubic (a = −0.5),
/// horizontal pass first, 22-bit fixed-point weights, 8-bit clamp after each pass; and the affine NEAREST
/// Pillow substitutes for palette images. Pixels are interleaved bytes with <c>channels</c> per pixel.
/// </summary>
internal static class PillowResample
{
    private const int PrecisionBits = 22;

    public static byte[] Bicubic(byte[] src, int width, int height, int channels, int outWidth, int outHeight)
    {
        var current = src;
        var w = width;
        if (outWidth != width)
        {
            current = Horizontal(current, width, height, channels, outWidth);
            w = outWidth;
        }

        if (outHeight != height)
        {
            current = Vertical(current, w, height, channels, outHeight);
        }

        return ReferenceEquals(current, src) ? (byte[])src.Clone() : current;
    }

    public static byte[] Nearest(byte[] src, int width, int height, int channels, int outWidth, int outHeight)
    {
        var dst = new byte[outWidth * outHeight * channels];
        var xscale = (double)width / outWidth;
        var yscale = (double)height / outHeight;
        for (var y = 0; y < outHeight; y++)
        {
            var sy = Math.Min(height - 1, (int)((y + 0.5) * yscale));
            for (var x = 0; x < outWidth; x++)
            {
                var sx = Math.Min(width - 1, (int)((x + 0.5) * xscale));
                Buffer.BlockCopy(src, ((sy * width) + sx) * channels, dst, ((y * outWidth) + x) * channels, channels);
            }
        }

        return dst;
    }

    private static double Filter(double x)
    {
        const double a = -0.5;
        if (x < 0)
        {
            x = -x;
        }

        if (x < 1.0)
        {
            return ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1;
        }

        if (x < 2.0)
        {
            return ((((x - 5) * x) + 8) * x - 4) * a;
        }

        return 0.0;
    }

    /// <summary>precompute_coeffs + normalize_coeffs_8bpc.</summary>
    private static (int[] Bounds, int[] Weights, int KernelSize) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterscale = Math.Max(scale, 1.0);
        var support = 2.0 * filterscale;
        var ksize = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * ksize];
        var k = new double[ksize];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterscale;
            var xmin = (int)(center - support + 0.5);
            if (xmin < 0)
            {
                xmin = 0;
            }

            var xmax = (int)(center + support + 0.5);
            if (xmax > inSize)
            {
                xmax = inSize;
            }

            xmax -= xmin;
            var ww = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                var w = Filter((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }

            for (var x = 0; x < xmax; x++)
            {
                var v = ww != 0.0 ? k[x] / ww : k[x];
                weights[(xx * ksize) + x] = v < 0 ? (int)(-0.5 + (v * (1 << PrecisionBits))) : (int)(0.5 + (v * (1 << PrecisionBits)));
            }

            bounds[xx * 2] = xmin;
            bounds[(xx * 2) + 1] = xmax;
        }

        return (bounds, weights, ksize);
    }

    private static byte Clip8(int ss)
    {
        var v = ss >> PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }

    private static byte[] Horizontal(byte[] src, int width, int height, int channels, int outWidth)
    {
        var (bounds, weights, ksize) = Coefficients(width, outWidth);
        var dst = new byte[outWidth * height * channels];
        for (var y = 0; y < height; y++)
        {
            var row = y * width * channels;
            for (var xx = 0; xx < outWidth; xx++)
            {
                var xmin = bounds[xx * 2];
                var xmax = bounds[(xx * 2) + 1];
                var kOffset = xx * ksize;
                for (var c = 0; c < channels; c++)
                {
                    var ss = 1 << (PrecisionBits - 1);
                    for (var x = 0; x < xmax; x++)
                    {
                        ss += src[row + ((x + xmin) * channels) + c] * weights[kOffset + x];
                    }

                    dst[(((y * outWidth) + xx) * channels) + c] = Clip8(ss);
                }
            }
        }

        return dst;
    }

    private static byte[] Vertical(byte[] src, int width, int height, int channels, int outHeight)
    {
        var (bounds, weights, ksize) = Coefficients(height, outHeight);
        var dst = new byte[width * outHeight * channels];
        var stride = width * channels;
        for (var yy = 0; yy < outHeight; yy++)
        {
            var ymin = bounds[yy * 2];
            var ymax = bounds[(yy * 2) + 1];
            var kOffset = yy * ksize;
            for (var i = 0; i < stride; i++)
            {
                var ss = 1 << (PrecisionBits - 1);
                for (var y = 0; y < ymax; y++)
                {
                    ss += src[((y + ymin) * stride) + i] * weights[kOffset + y];
                }

                dst[(yy * stride) + i] = Clip8(ss);
            }
        }

        return dst;
    }
}
