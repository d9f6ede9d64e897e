using System.Globalization;
using CxrSeg.Data.Images;

namespace CxrSeg.Data.Dicom;

/// <summary>
/// Turns stored DICOM values into an 8-bit display image, bright = dense, in the standard order:
/// Modality LUT (value·slope + intercept), then VOI — the VOI LUT sequence when present, else the first window
/// centre/width (LINEAR, LINEAR_EXACT or SIGMOID), else the whole range BitsStored can hold — then MONOCHROME1 inversion.
/// </summary>
public static class DicomDisplay
{
    /// <summary>Applies the pipeline and reports what was applied.</summary>
    public static (GreyImage Image, DicomDisplayReport Report) Apply(DicomPixels p)
    {
        var modality = p.RescaleSlope == 1.0 && p.RescaleIntercept == 0.0
            ? "identity (no rescale)"
            : $"rescale slope {Fmt(p.RescaleSlope)}, intercept {Fmt(p.RescaleIntercept)}";
        Func<double, double> voi;
        string voiText;
        if (p.VoiLut is { } lut)
        {
            int lo = lut.Entries.Min(e => (int)e), hi = lut.Entries.Max(e => (int)e);
            double span = Math.Max(1, hi - lo);
            voi = v => (lut.Lookup(v) - lo) / span;
            voiText = $"VOI LUT sequence ({lut.Entries.Length} entries from {lut.FirstMapped}, {lut.BitsPerEntry} bits; output {lo}..{hi} scaled to 0..255)";
        }
        else if (p.WindowCenter is { } c && p.WindowWidth is { } w && w > 0)
        {
            var fn = (p.WindowFunction ?? "LINEAR").ToUpperInvariant();
            switch (fn)
            {
                case "SIGMOID":
                    voi = v => 1.0 / (1.0 + Math.Exp(-4.0 * (v - c) / w));
                    break;
                case "LINEAR_EXACT":
                    voi = v => (v - c) / w + 0.5;
                    break;
                default:
                    fn = "LINEAR";
                    double wm1 = Math.Max(1e-9, w - 1);
                    voi = v => (v - (c - 0.5)) / wm1 + 0.5;
                    break;
            }
            voiText = $"window centre {Fmt(c)}, width {Fmt(w)} ({fn})";
        }
        else
        {
            double a = p.Signed ? -(1 << (p.BitsStored - 1)) : 0;
            double b = p.Signed ? (1 << (p.BitsStored - 1)) - 1 : (1 << p.BitsStored) - 1;
            double lo = Math.Min(a * p.RescaleSlope + p.RescaleIntercept, b * p.RescaleSlope + p.RescaleIntercept);
            double hi = Math.Max(a * p.RescaleSlope + p.RescaleIntercept, b * p.RescaleSlope + p.RescaleIntercept);
            double span = Math.Max(1e-9, hi - lo);
            voi = v => (v - lo) / span;
            voiText = $"full BitsStored range ({p.BitsStored} bits{(p.Signed ? ", signed" : "")}: {Fmt(lo)}..{Fmt(hi)})";
        }
        bool invert = p.Photometric == "MONOCHROME1";
        // Stored values are integers: evaluate the pipeline once per distinct value in [min, max] and look it up.
        int min = int.MaxValue, max = int.MinValue;
        foreach (var v in p.Stored) { if (v < min) min = v; if (v > max) max = v; }
        var table = new byte[max - min + 1];
        for (int v = min; v <= max; v++)
        {
            double m = v * p.RescaleSlope + p.RescaleIntercept;
            int b8 = (int)Math.Round(Math.Clamp(voi(m), 0.0, 1.0) * 255.0);
            table[v - min] = (byte)(invert ? 255 - b8 : b8);
        }
        var px = new byte[p.Stored.Length];
        for (int i = 0; i < px.Length; i++) px[i] = table[p.Stored[i] - min];
        return (new GreyImage(p.Width, p.Height, px), new DicomDisplayReport(modality, voiText, invert));
    }

    private static string Fmt(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
