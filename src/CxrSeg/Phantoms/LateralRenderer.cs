using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>A simple lateral chest view (no masks), for the lateral rows of the CheXpert-like set.</summary>
public static class LateralRenderer
{
    /// <summary>Renders the lateral view of a case's anatomy.</summary>
    public static PhantomImage Render(PhantomCase c)
    {
        var (w, h) = (c.Width, c.Height);
        var a = c.Anatomy;
        var rng = new PhantomRandom(c.Seed ^ 0x5A5A5A5AUL);
        using var r = new Rasterizer(w, h, PhantomRenderer.Transform(c));
        var n = w * h;
        var A = new float[n];
        var depth = a.ThoraxHalfWidth * 0.8f;
        using var body = new SKPath();
        body.AddRoundRect(new SKRect(500 - depth - 60, -200, 500 + depth + 60, 1400), 200, 200);
        var bodyF = r.FillField(body);
        FieldOps.Blur(bodyF, w, h, 20 * r.Scale);
        FieldOps.AddScaled(A, bodyF, a.SoftTissue);
        // lungs: one large lucent region between the sternum (image left) and the spine (image right)
        using var lung = new SKPath();
        var dome = a.DomeRightY;
        lung.MoveTo(500 - depth * 0.2f, a.ApexY - 10);
        lung.CubicTo(500 - depth * 0.9f, a.ApexY + 40, 500 - depth * 0.95f, dome - 200, 500 - depth * 0.85f, dome - 40);
        lung.CubicTo(500 - depth * 0.3f, dome - 110, 500 + depth * 0.4f, dome - 90, 500 + depth * 0.95f, dome + 70);
        lung.CubicTo(500 + depth * 0.95f, dome - 200, 500 + depth * 0.7f, a.ApexY + 20, 500 - depth * 0.2f, a.ApexY - 10);
        var lungF = r.FillField(lung);
        FieldOps.Blur(lungF, w, h, 25 * r.Scale);
        FieldOps.AddScaled(A, lungF, -0.22f);
        // heart: anterior and inferior, sitting on the diaphragm
        r.Begin();
        using (var heart = new SKPath())
        {
            heart.AddOval(SKRect.Create(500 - depth * 0.85f, a.ApexY + 0.4f * (dome - a.ApexY), depth * 1.05f, 0.75f * (dome - a.ApexY)));
            r.Fill(heart);
        }
        var heartF = r.Read();
        FieldOps.Blur(heartF, w, h, 20 * r.Scale);
        FieldOps.AddScaled(A, heartF, 0.09f);
        // thoracic spine (posterior) with faint vertebral bodies
        r.Begin();
        for (var y = a.ApexY - 80; y < 1300; y += 55)
        {
            using var v = new SKPath();
            v.AddRoundRect(SKRect.Create(500 + depth - 60, y, 75, 46), 10, 10);
            r.Fill(v);
        }
        var spine = r.Read();
        FieldOps.Blur(spine, w, h, 4 * r.Scale);
        FieldOps.AddScaled(A, spine, 0.07f);
        var tex = FieldOps.Texture(rng, w, h, Math.Max(1, 3 * r.Scale));
        for (var i = 0; i < n; i++) A[i] += 0.02f * tex[i] * lungF[i];
        var q = c.Acquisition;
        FieldOps.Blur(A, w, h, q.BlurPixels);
        var px = new float[n];
        for (var i = 0; i < n; i++)
            px[i] = MathF.Pow(PhantomRenderer.Shoulder((A[i] + q.Noise * (float)rng.Normal() - q.Low) / (q.High - q.Low)), q.Gamma);
        var masks = Enumerable.Range(0, 13).Select(_ => new byte[n]).ToArray();
        return new PhantomImage(w, h, px, masks, []);
    }
}
