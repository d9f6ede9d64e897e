using CxrSeg.Data.Dicom;
using CxrSeg.Data.Images;

namespace CxrSeg.Data.ImageFiles;

/// <summary>Loads any supported radiograph — DICOM (display pipeline of <see cref="DicomDisplay"/>), PNG or JPEG — as one 8-bit grey channel, bright = dense.</summary>
public static class GreyImageLoader
{
    /// <summary>Loads the file; throws <see cref="UserFacingException"/> naming it when it is missing or unreadable.</summary>
    public static GreyImage Load(string path) => LoadWithReport(path).Image;

    /// <summary>Loads the file and says what display steps were applied (null for PNG/JPEG).</summary>
    public static (GreyImage Image, DicomDisplayReport? Report) LoadWithReport(string path)
    {
        Platform.RegularFile.Require(path, "image file");
        if (DicomDecoder.LooksLikeDicom(path))
        {
            var (img, rep) = DicomDisplay.Apply(DicomDecoder.Read(path));
            return (img, rep);
        }
        return (SkiaImageDecoder.Decode(path), null);
    }
}
