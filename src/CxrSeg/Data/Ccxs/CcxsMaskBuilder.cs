using CxrSeg.Data.Images;

namespace CxrSeg.Data.Ccxs;

/// <summary>
/// Pastes each region's cropped RGBA mask at (Left, Top) into 13 full-resolution binary planes. A mask pixel belongs
/// to the region when it is not background (alpha > 0 and not black). Regions of the same class are unioned.
/// </summary>
public static class CcxsMaskBuilder
{
    /// <summary>Builds C×H×W 0/1 planes for an image of <paramref name="width"/>×<paramref name="height"/>, plus the per-class labelled flags.</summary>
    public static (byte[] Mask, byte[] Labelled) Build(CcxsDataset ds, CcxsImage image, int width, int height)
    {
        int c = CcxsClasses.All.Count;
        var mask = new byte[c * width * height];
        var labelled = LabelledFlags(image);
        foreach (var r in image.Regions)
        {
            if (r.MaskFile is null) continue;
            var (rgba, mw, mh) = ReadRegionMask(ds, image, r);
            int plane = r.ClassIndex * width * height;
            for (int y = 0; y < mh; y++)
            {
                int ty = r.Top + y;
                if (ty < 0 || ty >= height) continue;
                for (int x = 0; x < mw; x++)
                {
                    int tx = r.Left + x;
                    if (tx < 0 || tx >= width) continue;
                    if (Drawn(rgba, 4 * (y * mw + x))) mask[plane + ty * width + tx] = 1;
                }
            }
        }
        return (mask, labelled);
    }

    /// <summary>
    /// Builds the masks directly at the letterboxed size (C×S×S, nearest neighbour: each square pixel takes the
    /// source pixel under its centre, exactly as <see cref="Letterbox.ApplyMask"/> on the full-resolution planes),
    /// without allocating full-resolution planes. Also returns the labelled flags and, per class, whether any drawn
    /// pixel exists at source resolution.
    /// </summary>
    public static (byte[] Mask, byte[] Labelled, byte[] Present) BuildLetterboxed(CcxsDataset ds, CcxsImage image, Letterbox box)
    {
        int c = CcxsClasses.All.Count, size = box.Size, sq = size * size, width = box.SourceWidth, height = box.SourceHeight;
        var mask = new byte[c * sq];
        var present = new byte[c];
        var labelled = LabelledFlags(image);
        var srcX = new int[box.ContentWidth];
        for (int tx = 0; tx < srcX.Length; tx++) srcX[tx] = Math.Min(width - 1, (int)((tx + 0.5) * width / box.ContentWidth));
        foreach (var r in image.Regions)
        {
            if (r.MaskFile is null) continue;
            var (rgba, mw, mh) = ReadRegionMask(ds, image, r);
            bool On(int x, int y) => Drawn(rgba, 4 * (y * mw + x));
            if (present[r.ClassIndex] == 0)
            {
                for (int y = Math.Max(0, -r.Top); y < mh && r.Top + y < height && present[r.ClassIndex] == 0; y++)
                    for (int x = Math.Max(0, -r.Left); x < mw && r.Left + x < width; x++)
                        if (On(x, y)) { present[r.ClassIndex] = 1; break; }
            }
            var plane = mask.AsSpan(r.ClassIndex * sq, sq);
            for (int ty = 0; ty < box.ContentHeight; ty++)
            {
                int sy = Math.Min(height - 1, (int)((ty + 0.5) * height / box.ContentHeight)) - r.Top;
                if (sy < 0 || sy >= mh) continue;
                int rowBase = (ty + box.OffsetY) * size + box.OffsetX;
                for (int tx = 0; tx < srcX.Length; tx++)
                {
                    int sx = srcX[tx] - r.Left;
                    if (sx >= 0 && sx < mw && On(sx, sy)) plane[rowBase + tx] = 1;
                }
            }
        }
        return (mask, labelled, present);
    }

    /// <summary>1 for every class, 0 for the image's unlabelled classes.</summary>
    private static byte[] LabelledFlags(CcxsImage image)
    {
        var labelled = Enumerable.Repeat((byte)1, CcxsClasses.All.Count).ToArray();
        foreach (var u in image.UnlabelledClasses) labelled[u] = 0;
        return labelled;
    }

    /// <summary>Decodes a region's mask file, checking that it exists and has the size its row states.</summary>
    private static (byte[] Rgba, int Width, int Height) ReadRegionMask(CcxsDataset ds, CcxsImage image, CcxsRegion r)
    {
        var path = ds.MaskFile(r);
        if (!File.Exists(path)) throw new UserFacingException($"{image.FileName}: mask file {r.MaskFile} ({r.Where}) not found");
        var rgba = SkiaImageDecoder.DecodeRgba(path, out var mw, out var mh);
        if (mw != r.Width || mh != r.Height)
            throw new UserFacingException($"{image.FileName}: mask {r.MaskFile} is {mw}x{mh} but {r.Where} says {r.Width}x{r.Height}");
        return (rgba, mw, mh);
    }

    /// <summary>A mask pixel is drawn when it is not background: alpha &gt; 0 and not black.</summary>
    private static bool Drawn(byte[] rgba, int o) => rgba[o + 3] > 0 && (rgba[o] | rgba[o + 1] | rgba[o + 2]) != 0;
}
