using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>Fills polygons into a 0/1 plane with SkiaSharp, without anti-aliasing (a pixel is on when its centre is inside).</summary>
public static class PolygonRasteriser
{
    /// <summary>ORs the filled polygon (vertices in plane pixel-edge coordinates) into <paramref name="plane"/> (size×size, row-major).</summary>
    public static void Fill(Span<byte> plane, int size, IReadOnlyList<(double X, double Y)> points)
    {
        if (plane.Length != size * size) throw new ArgumentException("plane is not size×size", nameof(plane));
        if (points.Count < 3) return;
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Alpha8, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        using (var path = new SKPath { FillType = SKPathFillType.Winding })
        using (var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill, Color = SKColors.White })
        {
            path.MoveTo((float)points[0].X, (float)points[0].Y);
            for (var i = 1; i < points.Count; i++) path.LineTo((float)points[i].X, (float)points[i].Y);
            path.Close();
            canvas.DrawPath(path, paint);
        }
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < size; y++)
        {
            var row = pixels.Slice(y * bitmap.RowBytes, size);
            for (var x = 0; x < size; x++)
                if (row[x] != 0) plane[y * size + x] = 1;
        }
    }
}
