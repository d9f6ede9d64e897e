namespace CxrSeg.Data.Siim;

/// <summary>A box in original DICOM pixel coordinates (x, y = top-left corner).</summary>
public sealed record SiimBox(double X, double Y, double Width, double Height)
{
    /// <summary>The box clipped to a W×H image, as integer pixel bounds [x0, x1) × [y0, y1); empty when it lies outside.</summary>
    public (int X0, int Y0, int X1, int Y1) Clip(int width, int height)
    {
        int x0 = (int)Math.Floor(Math.Clamp(X, 0, width)), y0 = (int)Math.Floor(Math.Clamp(Y, 0, height));
        int x1 = (int)Math.Ceiling(Math.Clamp(X + Width, 0, width)), y1 = (int)Math.Ceiling(Math.Clamp(Y + Height, 0, height));
        return (x0, y0, Math.Max(x0, x1), Math.Max(y0, y1));
    }
}
