using System.Runtime.Intrinsics;
using CxrSeg.Data.Images;

namespace CxrSeg.Data.Images;

/// <summary>
/// Maps square probabilities back to binary masks at the original resolution: the image's part of the
/// letterboxed square is resized bilinearly to the source width × height and thresholded. The interpolation is
/// PyTorch's <c>interpolate(mode="bilinear", align_corners=False)</c> computed the same way (source coordinate
/// <c>scale·(dst+0.5)−0.5</c> clamped at 0, each row interpolated along x first, then the two rows along y, in
/// float), so the masks match libtorch's up to float rounding of values within an ulp of the threshold.
/// It is done in managed code because the thresholded result is all that is kept: rows whose two source rows
/// lie wholly on one side of the threshold are filled without interpolating (a bilinear value lies between its
/// corner values), which covers most of a real mask, and the rest is computed eight pixels at a time. Unlike a
/// libtorch call it needs no full-resolution float image per class, and it is safe on any thread.
/// </summary>
public static class MaskUpsampler
{
    /// <summary>Byte patterns of 8 pixels (0 or 1 each) for every 8-bit comparison mask.</summary>
    private static readonly ulong[] Spread = BuildSpread();

    /// <summary>
    /// Thresholded masks at the source resolution of <paramref name="box"/> for the channels <paramref name="keep"/>
    /// of <paramref name="probabilities"/> (channels × size × size floats, size = <see cref="Letterbox.Size"/>):
    /// one SourceWidth × SourceHeight plane of 0/1 bytes per kept channel (1 where the value is ≥ the threshold).
    /// The planes come from <paramref name="allocate"/> when given (it must return zeroed arrays of the asked length).
    /// </summary>
    public static byte[][] Upsample(ReadOnlySpan<float> probabilities, int channels, IReadOnlyList<int> keep, Letterbox box, float threshold,
        Func<int, byte[]>? allocate = null) =>
        Upsample(probabilities, channels, keep, box, Enumerable.Repeat(threshold, channels).ToArray(), allocate);

    /// <summary>As the single-threshold overload, with one threshold per channel (<paramref name="thresholds"/>, indexed by channel).</summary>
    public static byte[][] Upsample(ReadOnlySpan<float> probabilities, int channels, IReadOnlyList<int> keep, Letterbox box, IReadOnlyList<float> thresholds,
        Func<int, byte[]>? allocate = null)
    {
        if (thresholds.Count != channels) throw new ArgumentException($"{thresholds.Count} thresholds for {channels} channels");
        var s = box.Size;
        if (probabilities.Length != channels * s * s)
            throw new ArgumentException($"probabilities hold {probabilities.Length} floats, expected {channels}×{s}×{s}");
        var xs = Axis.Of(box.ContentWidth, box.SourceWidth);
        var ys = Axis.Of(box.ContentHeight, box.SourceHeight);
        var result = new byte[keep.Count][];
        var rowA = new float[box.SourceWidth];
        var rowB = new float[box.SourceWidth];
        var rowMin = new float[box.ContentHeight];
        var rowMax = new float[box.ContentHeight];
        for (var k = 0; k < keep.Count; k++)
        {
            var c = keep[k];
            if (c < 0 || c >= channels) throw new ArgumentOutOfRangeException(nameof(keep), $"channel {c} is not in 0..{channels - 1}");
            var plane = probabilities.Slice(c * s * s, s * s);
            var mask = allocate?.Invoke(box.SourceWidth * box.SourceHeight) ?? new byte[box.SourceWidth * box.SourceHeight];
            if (mask.Length != box.SourceWidth * box.SourceHeight) throw new ArgumentException("allocate returned an array of the wrong length");
            UpsampleChannel(plane, box, xs, ys, thresholds[c], rowA, rowB, rowMin, rowMax, mask);
            result[k] = mask;
        }
        return result;
    }

    private static void UpsampleChannel(ReadOnlySpan<float> plane, Letterbox box, Axis xs, Axis ys, float t,
        float[] rowA, float[] rowB, float[] rowMin, float[] rowMax, byte[] mask)
    {
        var (w, h) = (box.SourceWidth, box.SourceHeight);
        bool any = false, all = true;
        for (var r = 0; r < box.ContentHeight; r++)
        {
            var row = Row(plane, box, r);
            var (lo, hi) = (float.PositiveInfinity, float.NegativeInfinity);
            foreach (var v in row)
            {
                lo = MathF.Min(lo, v);
                hi = MathF.Max(hi, v);
            }
            (rowMin[r], rowMax[r]) = (lo, hi);
            any |= hi >= t;
            all &= lo >= t;
        }
        if (!any) return;
        if (all)
        {
            mask.AsSpan().Fill(1);
            return;
        }

        // rowA holds source row aRow interpolated along x, rowB source row bRow (-1: not computed)
        int aRow = -1, bRow = -1;
        for (var y = 0; y < h; y++)
        {
            var (y0, y1) = (ys.I0[y], ys.I1[y]);
            var dst = mask.AsSpan(y * w, w);
            if (MathF.Max(rowMax[y0], rowMax[y1]) < t) continue;
            if (MathF.Min(rowMin[y0], rowMin[y1]) >= t)
            {
                dst.Fill(1);
                continue;
            }
            if (aRow != y0)
            {
                if (bRow == y0) (rowA, rowB, aRow, bRow) = (rowB, rowA, bRow, aRow);
                else
                {
                    AlongX(Row(plane, box, y0), xs, rowA);
                    aRow = y0;
                }
            }
            if (bRow != y1)
            {
                AlongX(Row(plane, box, y1), xs, rowB);
                bRow = y1;
            }
            AlongY(rowA, rowB, ys.W0[y], ys.W1[y], t, dst);
        }
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> plane, Letterbox box, int contentRow) =>
        plane.Slice((box.OffsetY + contentRow) * box.Size + box.OffsetX, box.ContentWidth);

    private static void AlongX(ReadOnlySpan<float> src, Axis xs, float[] dst)
    {
        for (var x = 0; x < dst.Length; x++) dst[x] = src[xs.I0[x]] * xs.W0[x] + src[xs.I1[x]] * xs.W1[x];
    }

    private static void AlongY(float[] a, float[] b, float wa, float wb, float t, Span<byte> dst)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (va, vb, vt) = (Vector256.Create(wa), Vector256.Create(wb), Vector256.Create(t));
            for (; x + 8 <= dst.Length; x += 8)
            {
                var v = Vector256.Create(a.AsSpan(x, 8)) * va + Vector256.Create(b.AsSpan(x, 8)) * vb;
                var bits = Vector256.GreaterThanOrEqual(v, vt).ExtractMostSignificantBits();
                BitConverter.TryWriteBytes(dst.Slice(x, 8), Spread[bits]);
            }
        }
        for (; x < dst.Length; x++) dst[x] = a[x] * wa + b[x] * wb >= t ? (byte)1 : (byte)0;
    }

    private static ulong[] BuildSpread()
    {
        var table = new ulong[256];
        for (var bits = 0; bits < 256; bits++)
        {
            ulong v = 0;
            for (var i = 0; i < 8; i++)
                if ((bits >> i & 1) != 0) v |= 1UL << (8 * i);
            table[bits] = BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
        }
        return table;
    }

    /// <summary>Source indices and weights of every output position along one axis (PyTorch's linear rule, align_corners=False).</summary>
    private sealed record Axis(int[] I0, int[] I1, float[] W0, float[] W1)
    {
        public static Axis Of(int input, int output)
        {
            var (i0, i1, w0, w1) = (new int[output], new int[output], new float[output], new float[output]);
            var scale = (float)input / output;
            for (var d = 0; d < output; d++)
            {
                if (input == output)
                {
                    (i0[d], i1[d], w0[d], w1[d]) = (d, d, 1f, 0f);
                    continue;
                }
                var src = scale * (d + 0.5f) - 0.5f;
                if (src < 0) src = 0;
                var j = (int)src;
                var lambda = Math.Clamp(src - j, 0f, 1f);
                (i0[d], i1[d], w0[d], w1[d]) = (j, j < input - 1 ? j + 1 : j, 1f - lambda, lambda);
            }
            return new Axis(i0, i1, w0, w1);
        }
    }
}
