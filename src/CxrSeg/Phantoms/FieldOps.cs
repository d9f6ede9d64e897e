namespace CxrSeg.Phantoms;

/// <summary>Operations on row-major float images (fields) used by the phantom renderer.</summary>
internal static class FieldOps
{
    /// <summary>Gaussian blur approximated by three separable box blurs; in place.</summary>
    public static void Blur(float[] f, int w, int h, float sigma)
    {
        if (sigma < 0.35f) return;
        var r = Math.Max(1, (int)Math.Round(Math.Sqrt(12.0 * sigma * sigma / 3 + 1) / 2));
        var tmp = new float[Math.Max(w, h)];
        var line = new float[w];
        var buf = new float[f.Length];
        for (var pass = 0; pass < 3; pass++)
        {
            for (var y = 0; y < h; y++)
            {
                Array.Copy(f, y * w, line, 0, w);
                BoxLine(line, tmp, w, r);
                Array.Copy(tmp, 0, f, y * w, w);
            }
            BoxColumns(f, buf, w, h, r);
            Array.Copy(buf, f, f.Length);
        }
    }

    // vertical box filter with running sums over whole rows (cache friendly); edges clamp
    private static void BoxColumns(float[] src, float[] dst, int w, int h, int r)
    {
        var acc = new float[w];
        var norm = 1f / (2 * r + 1);
        for (var i = -r - 1; i < r; i++)
        {
            var o = Math.Clamp(i, 0, h - 1) * w;
            for (var x = 0; x < w; x++) acc[x] += src[o + x];
        }
        for (var y = 0; y < h; y++)
        {
            var add = Math.Min(y + r, h - 1) * w;
            var sub = Math.Max(y - r - 1, 0) * w;
            var o = y * w;
            for (var x = 0; x < w; x++)
            {
                acc[x] += src[add + x] - src[sub + x];
                dst[o + x] = acc[x] * norm;
            }
        }
    }

    private static void BoxLine(float[] src, float[] dst, int n, int r)
    {
        var norm = 1f / (2 * r + 1);
        var acc = 0f;
        for (var i = -r - 1; i < r; i++) acc += src[Math.Clamp(i, 0, n - 1)];
        for (var i = 0; i < n; i++)
        {
            acc += src[Math.Min(i + r, n - 1)] - src[Math.Max(i - r - 1, 0)];
            dst[i] = acc * norm;
        }
    }

    /// <summary>dst += a * src.</summary>
    public static void AddScaled(float[] dst, float[] src, float a)
    {
        for (var i = 0; i < dst.Length; i++) dst[i] += a * src[i];
    }

    /// <summary>a *= b elementwise.</summary>
    public static void Multiply(float[] a, float[] b)
    {
        for (var i = 0; i < a.Length; i++) a[i] *= b[i];
    }

    /// <summary>Copy of a field.</summary>
    public static float[] Copy(float[] f) => (float[])f.Clone();

    /// <summary>Binary mask (0/1 bytes) where f &gt;= threshold.</summary>
    public static byte[] Threshold(float[] f, float threshold)
    {
        var m = new byte[f.Length];
        for (var i = 0; i < f.Length; i++) m[i] = f[i] >= threshold ? (byte)1 : (byte)0;
        return m;
    }

    /// <summary>Smooth random texture in about [-1, 1]: white noise blurred with <paramref name="sigma"/> pixels and normalised.</summary>
    public static float[] Texture(PhantomRandom rng, int w, int h, float sigma)
    {
        var f = new float[w * h];
        for (var i = 0; i < f.Length; i++) f[i] = (float)(rng.NextDouble() * 2 - 1);
        Blur(f, w, h, sigma);
        var ss = 0.0;
        foreach (var v in f) ss += v * v;
        var sd = (float)Math.Sqrt(ss / f.Length) + 1e-6f;
        for (var i = 0; i < f.Length; i++) f[i] /= 2.5f * sd;
        return f;
    }
}
