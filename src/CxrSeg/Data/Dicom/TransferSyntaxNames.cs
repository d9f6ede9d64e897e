namespace CxrSeg.Data.Dicom;

/// <summary>Readable names of the common transfer syntax UIDs (for <c>inspect</c>).</summary>
public static class TransferSyntaxNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["1.2.840.10008.1.2"] = "Implicit VR Little Endian",
        ["1.2.840.10008.1.2.1"] = "Explicit VR Little Endian",
        ["1.2.840.10008.1.2.1.99"] = "Deflated Explicit VR Little Endian",
        ["1.2.840.10008.1.2.2"] = "Explicit VR Big Endian",
        ["1.2.840.10008.1.2.4.50"] = "JPEG Baseline (Process 1)",
        ["1.2.840.10008.1.2.4.51"] = "JPEG Extended (Process 2 & 4)",
        ["1.2.840.10008.1.2.4.57"] = "JPEG Lossless (Process 14)",
        ["1.2.840.10008.1.2.4.70"] = "JPEG Lossless, First-Order Prediction (Process 14 SV1)",
        ["1.2.840.10008.1.2.4.80"] = "JPEG-LS Lossless",
        ["1.2.840.10008.1.2.4.81"] = "JPEG-LS Near-Lossless",
        ["1.2.840.10008.1.2.4.90"] = "JPEG 2000 (Lossless Only)",
        ["1.2.840.10008.1.2.4.91"] = "JPEG 2000",
        ["1.2.840.10008.1.2.5"] = "RLE Lossless",
    };

    /// <summary>The name of <paramref name="uid"/>, or "unknown".</summary>
    public static string Of(string uid) => Names.TryGetValue(uid, out var n) ? n : "unknown";
}
