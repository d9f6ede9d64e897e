using System.Globalization;
using System.Security.Cryptography;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.Images;

namespace CxrSeg.Data.ImageFiles;

/// <summary>
/// <c>cxrseg inspect</c> and <c>cxrseg convert</c>: describes a DICOM, PNG or JPEG (size, bits, photometric
/// interpretation, transfer syntax, the display steps that apply, statistics of stored and display values) and writes
/// the display image (8-bit) or the stored values (16-bit, <c>--raw</c>) as PNG.
/// </summary>
public static class ImageInspector
{
    /// <summary>Inspects a file.</summary>
    public static InspectReport Inspect(string path)
    {
        Platform.RegularFile.Require(path, "file");
        var f = new List<(string, string)>();
        if (DicomDecoder.LooksLikeDicom(path))
        {
            var p = DicomDecoder.Read(path);
            var (img, rep) = DicomDisplay.Apply(p);
            f.Add(("format", "DICOM"));
            f.Add(("size (columns x rows)", $"{p.Width} x {p.Height}"));
            f.Add(("transfer syntax", $"{p.TransferSyntaxUid} ({p.TransferSyntaxName})"));
            f.Add(("photometric", p.Photometric));
            f.Add(("bits allocated / stored", $"{p.BitsAllocated} / {p.BitsStored}{(p.Signed ? " (signed)" : " (unsigned)")}"));
            f.Add(("rescale slope / intercept", $"{N(p.RescaleSlope)} / {N(p.RescaleIntercept)}"));
            f.Add(("window centre / width", p.WindowCenter is null ? "none" : $"{N(p.WindowCenter.Value)} / {N(p.WindowWidth ?? 0)}{(p.WindowFunction is null ? "" : " " + p.WindowFunction)}"));
            f.Add(("VOI LUT sequence", p.VoiLut is null ? "none" : $"{p.VoiLut.Entries.Length} entries, first mapped {p.VoiLut.FirstMapped}, {p.VoiLut.BitsPerEntry} bits"));
            f.Add(("modality LUT applied", rep.ModalityLut));
            f.Add(("VOI applied", rep.VoiStep));
            f.Add(("MONOCHROME1 inversion", rep.Inverted ? "yes" : "no"));
            f.Add(("stored min / max / mean", Stats(p.Stored.Select(v => (double)v))));
            f.Add(("stored sha1 (LE raw)", Convert.ToHexStringLower(SHA1.HashData(p.RawLittleEndian()))));
            f.Add(("display min / max / mean", Stats(img.Pixels.Select(v => (double)v))));
        }
        else
        {
            var (w, h, ct) = SkiaImageDecoder.ReadHeader(path);
            var img = SkiaImageDecoder.Decode(path);
            f.Add(("format", Path.GetExtension(path).TrimStart('.').ToUpperInvariant()));
            f.Add(("size (width x height)", $"{w} x {h}"));
            f.Add(("decoded colour type", ct));
            f.Add(("grey conversion", "Y = (299 R + 587 G + 114 B + 500) / 1000, alpha ignored"));
            f.Add(("display min / max / mean", Stats(img.Pixels.Select(v => (double)v))));
        }
        return new InspectReport(path, f);
    }

    /// <summary>Writes the display image as 8-bit grey PNG, or with <paramref name="raw"/> the stored values (DICOM: 16-bit PNG when BitsAllocated is 16, signed values as their two's-complement bit pattern; PNG/JPEG: the grey values).</summary>
    public static string ConvertToPng(string input, string output, bool raw, bool overwrite = false)
    {
        Platform.RegularFile.Require(input, "file");
        if (!output.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserFacingException($"output must be a .png file (got {output})");
        if (Platform.RealPath.Same(input, output)) throw new UserFacingException($"output {output} is the input file itself (after following links): choose another output");
        if (Directory.Exists(output)) throw new UserFacingException($"output {output} is a folder: name a .png file");
        if (File.Exists(output) && !overwrite) throw new UserFacingException($"output {output} exists; pass --force to replace it");
        if (raw && DicomDecoder.LooksLikeDicom(input))
        {
            var p = DicomDecoder.Read(input);
            if (p.BitsAllocated == 8)
            {
                PngWriter.WriteGrey8(output, new GreyImage(p.Width, p.Height, p.Stored.Select(v => (byte)v).ToArray()));
                return $"stored values (8-bit) → {output}";
            }
            PngWriter.WriteGrey16(output, p.Width, p.Height, p.Stored.Select(v => (ushort)v).ToArray());
            return $"stored values (16-bit{(p.Signed ? ", signed as two's complement" : "")}) → {output}";
        }
        var (img, rep) = GreyImageLoader.LoadWithReport(input);
        PngWriter.WriteGrey8(output, img);
        return rep is null ? $"grey image → {output}" : $"display image ({rep}) → {output}";
    }

    private static string Stats(IEnumerable<double> values)
    {
        double min = double.MaxValue, max = double.MinValue, sum = 0;
        long n = 0;
        foreach (var v in values) { min = Math.Min(min, v); max = Math.Max(max, v); sum += v; n++; }
        return n == 0 ? "empty" : $"{N(min)} / {N(max)} / {(sum / n).ToString("0.####", CultureInfo.InvariantCulture)}";
    }

    private static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
