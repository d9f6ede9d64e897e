using System.Globalization;

namespace CxrSeg.Platform;

/// <summary>
/// Limits applied to every input before it is decoded, so that a hostile or broken file gives a clear error instead of
/// exhausting memory or the stack. Each limit can be raised with an environment variable (documented in
/// docs/RELIABILITY.md); a value that is not a positive integer is refused with a message naming the variable.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest image accepted, in pixels (width × height). Default 67,108,864 (8192²); env CXRSEG_MAX_PIXELS.</summary>
    public static long MaxPixels => Read("CXRSEG_MAX_PIXELS", 8192L * 8192L);

    /// <summary>Longest image side accepted, in pixels. Default 32768; env CXRSEG_MAX_SIDE.</summary>
    public static long MaxSide => Read("CXRSEG_MAX_SIDE", 32_768L);

    /// <summary>Deepest nesting of DICOM sequences accepted. Default 16; env CXRSEG_MAX_DICOM_DEPTH.</summary>
    public static int MaxDicomDepth => (int)Math.Min(1000, Read("CXRSEG_MAX_DICOM_DEPTH", 16L));

    /// <summary>Deepest nesting of brackets in a SIIM <c>boxes</c> literal. Default 32; env CXRSEG_MAX_LITERAL_DEPTH.</summary>
    public static int MaxLiteralDepth => (int)Math.Min(1000, Read("CXRSEG_MAX_LITERAL_DEPTH", 32L));

    /// <summary>Largest DICOM file read, in bytes. Default 1 GiB; env CXRSEG_MAX_DICOM_BYTES.</summary>
    public static long MaxDicomBytes => Math.Min(int.MaxValue - 64L, Read("CXRSEG_MAX_DICOM_BYTES", 1L << 30));

    /// <summary>Throws naming the file when <paramref name="width"/>×<paramref name="height"/> is empty or over the limits.</summary>
    public static void CheckImageSize(string file, long width, long height)
    {
        if (width <= 0 || height <= 0) throw new UserFacingException($"{file}: image size {width}x{height} is empty");
        if (width > MaxSide || height > MaxSide)
            throw new UserFacingException($"{file}: image size {width}x{height} exceeds the longest-side limit of {MaxSide} pixels (raise CXRSEG_MAX_SIDE if this is a real image)");
        if (width * height > MaxPixels)
            throw new UserFacingException($"{file}: image size {width}x{height} = {width * height} pixels exceeds the limit of {MaxPixels} (raise CXRSEG_MAX_PIXELS if this is a real image)");
    }

    private static long Read(string name, long fallback)
    {
        var s = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(s)) return fallback;
        if (!long.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
            throw new UserFacingException($"environment variable {name}='{s}' is not a positive integer");
        return v;
    }
}
