using SkiaSharp;

namespace CxrSeg.Platform;

/// <summary>A sans-serif typeface for labels drawn into images: DejaVu Sans when installed, else Skia's default.</summary>
public static class Typefaces
{
    private static readonly Lazy<SKTypeface> Sans = new(() =>
    {
        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        ];
        foreach (var c in candidates)
            if (File.Exists(c) && SKTypeface.FromFile(c) is { } t) return t;
        return SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
    });

    /// <summary>The label typeface.</summary>
    public static SKTypeface Default => Sans.Value;
}
