using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>Rasterises anatomy paths (in canonical 1000-unit coordinates) into float coverage fields through an SKCanvas.</summary>
internal sealed class Rasterizer : IDisposable
{
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill, Color = new SKColor(0, 0, 0, 255) };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round, Color = new SKColor(0, 0, 0, 255) };

    public Rasterizer(int width, int height, SKMatrix transform)
    {
        Width = width;
        Height = height;
        Transform = transform;
        _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
    }

    public int Width { get; }
    public int Height { get; }
    public SKMatrix Transform { get; }

    /// <summary>Pixels per canonical unit.</summary>
    public float Scale => MathF.Sqrt(MathF.Abs(Transform.ScaleX * Transform.ScaleY - Transform.SkewX * Transform.SkewY));

    /// <summary>Starts a new layer (cleared to 0).</summary>
    public void Begin()
    {
        _canvas.ResetMatrix();
        _canvas.Clear(SKColors.Transparent);
        _canvas.SetMatrix(Transform);
    }

    public void Fill(SKPath path, float alpha = 1f)
    {
        _fill.Color = new SKColor(0, 0, 0, (byte)Math.Clamp(alpha * 255, 0, 255));
        _canvas.DrawPath(path, _fill);
    }

    public void Stroke(SKPath path, float width, float alpha = 1f)
    {
        _stroke.StrokeWidth = width;
        _stroke.Color = new SKColor(0, 0, 0, (byte)Math.Clamp(alpha * 255, 0, 255));
        _canvas.DrawPath(path, _stroke);
    }

    public void Circle(float x, float y, float r, float alpha = 1f)
    {
        _fill.Color = new SKColor(0, 0, 0, (byte)Math.Clamp(alpha * 255, 0, 255));
        _canvas.DrawCircle(x, y, r, _fill);
    }

    /// <summary>The current layer as coverage in [0, 1].</summary>
    public float[] Read()
    {
        var f = new float[Width * Height];
        var span = _bitmap.GetPixelSpan();
        var rb = _bitmap.RowBytes;
        const float k = 1f / 255f;
        for (var y = 0; y < Height; y++)
        {
            var row = y * rb;
            var o = y * Width;
            for (var x = 0; x < Width; x++) f[o + x] = span[row + x] * k;
        }
        return f;
    }

    /// <summary>One filled path as a coverage field.</summary>
    public float[] FillField(SKPath path)
    {
        Begin();
        Fill(path);
        return Read();
    }

    /// <summary>One stroked path as a coverage field.</summary>
    public float[] StrokeField(SKPath path, float width)
    {
        Begin();
        Stroke(path, width);
        return Read();
    }

    public void Dispose()
    {
        _fill.Dispose();
        _stroke.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
