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
        const int half = 1 << (PrecisionBits - 1);
        for (var y = 0; y < height; y++)
        {
            var row = src.AsSpan(y * width * channels, width * channels);
            var outRow = dst.AsSpan(y * outWidth * channels, outWidth * channels);
            for (var xx = 0; xx < outWidth; xx++)
            {
                var xmin = bounds[xx * 2];
                var k = weights.AsSpan(xx * ksize, bounds[(xx * 2) + 1]);
                var taps = row[(xmin * channels)..];
                int s0 = half, s1 = half, s2 = half, s3 = half;
                for (var x = 0; x < k.Length; x++)
                {
                    var w = k[x];
                    var p = x * channels;
                    s0 += taps[p] * w;
                    s1 += taps[p + 1] * w;
                    s2 += taps[p + 2] * w;
                    if (channels == 4)
                    {
                        s3 += taps[p + 3] * w;
                    }
                }

                var o = xx * channels;
                outRow[o] = Clip8(s0);
                outRow[o + 1] = Clip8(s1);
                outRow[o + 2] = Clip8(s2);
                if (channels == 4)
                {
                    outRow[o + 3] = Clip8(s3);
                }
            }
        }

        return dst;
    }

    /// <summary>Row by row (accumulating whole source rows) so memory is read sequentially.</summary>
    private static byte[] Vertical(byte[] src, int width, int height, int channels, int outHeight)
    {
        var (bounds, weights, ksize) = Coefficients(height, outHeight);
        var stride = width * channels;
        var dst = new byte[stride * outHeight];
        var acc = new int[stride];
        for (var yy = 0; yy < outHeight; yy++)
        {
            Array.Fill(acc, 1 << (PrecisionBits - 1));
            var ymin = bounds[yy * 2];
            var ymax = bounds[(yy * 2) + 1];
            for (var y = 0; y < ymax; y++)
            {
                var w = weights[(yy * ksize) + y];
                var row = src.AsSpan((y + ymin) * stride, stride);
                for (var i = 0; i < row.Length; i++)
                {
                    acc[i] += row[i] * w;
                }
            }

            var outRow = dst.AsSpan(yy * stride, stride);
            for (var i = 0; i < outRow.Length; i++)
            {
                outRow[i] = Clip8(acc[i]);
            }
        }

        return dst;
    }
}
