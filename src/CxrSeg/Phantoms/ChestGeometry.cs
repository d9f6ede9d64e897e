using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>The chest's outlines as canonical-unit paths, built from the anatomy, the view and the findings.</summary>
internal sealed class ChestGeometry
{
    public const float Mid = 500;

    public ChestGeometry(PhantomAnatomy a, PhantomAcquisition q, PhantomFindings f)
    {
        W = a.ThoraxHalfWidth;
        Apex = a.ApexY;
        DomeR = a.DomeRightY + (f.Atelectasis ? 15 : 0) + (f.EffusionRight > 0 ? 10 : 0);
        DomeL = a.DomeLeftY;
        Cp = a.CostophrenicDepth;
        var ctr = f.Cardiomegaly ? Math.Max(a.CardiothoracicRatio, 0.58f) + 0.06f : a.CardiothoracicRatio;
        if (q.Ap) ctr *= 1.08f;
        HeartWidth = ctr * 2 * W;
        HeartRightX = Mid - 0.36f * HeartWidth;
        HeartLeftX = Mid + 0.64f * HeartWidth;
        HeartTop = Apex + 0.42f * (DomeR - Apex);
        Mediastinum = a.MediastinumHalfWidth * (f.EnlargedCardiomediastinum ? 1.6f : 1f) * (q.Ap ? 1.1f : 1f);
        TracheaX = Mid + a.TrachealShift;
        CarinaY = Apex + 0.30f * (DomeR - Apex) + 40;

        Body = BuildBody(a);
        Cardiomediastinum = BuildCardiomediastinum();
        var hemiR = BuildHemithorax(-1, DomeR);
        var hemiL = BuildHemithorax(+1, DomeL);
        HemithoraxRight = hemiR;
        HemithoraxLeft = hemiL;
        LungRight = hemiR.Op(Cardiomediastinum, SKPathOp.Difference) ?? hemiR;
        LungLeft = hemiL.Op(Cardiomediastinum, SKPathOp.Difference) ?? hemiL;
    }

    public float W { get; }
    public float Apex { get; }
    public float DomeR { get; }
    public float DomeL { get; }
    public float Cp { get; }
    public float HeartWidth { get; }
    public float HeartRightX { get; }
    public float HeartLeftX { get; }
    public float HeartTop { get; }
    public float Mediastinum { get; }
    public float TracheaX { get; }
    public float CarinaY { get; }
    public SKPath Body { get; }
    public SKPath Abdomen { get; private set; } = new();
    public SKPath Cardiomediastinum { get; }
    public SKPath HemithoraxRight { get; }
    public SKPath HemithoraxLeft { get; }
    public SKPath LungRight { get; }
    public SKPath LungLeft { get; }

    public SKPath Lung(int side) => side < 0 ? LungRight : LungLeft;
    public float Dome(int side) => side < 0 ? DomeR : DomeL;

    private SKPath BuildBody(PhantomAnatomy a)
    {
        var bw = BodyHalfWidth(a);
        var neck = 78f;
        var sh = Apex - 60;
        var p = new SKPath();
        p.MoveTo(Mid - neck, -300);
        p.LineTo(Mid - neck, sh - 60);
        p.CubicTo(Mid - neck - 10, sh + 10, Mid - bw + 60, sh - 10, Mid - bw, sh + 90);
        p.CubicTo(Mid - bw - 35, sh + 260, Mid - bw - 5, 820, Mid - bw + 35, 1400);
        p.LineTo(Mid + bw - 35, 1400);
        p.CubicTo(Mid + bw + 5, 820, Mid + bw + 35, sh + 260, Mid + bw, sh + 90);
        p.CubicTo(Mid + bw - 60, sh - 10, Mid + neck + 10, sh + 10, Mid + neck, sh - 60);
        p.LineTo(Mid + neck, -300);
        p.Close();
        return p;
    }

    /// <summary>Half width of the body outline at the chest.</summary>
    public float BodyHalfWidth(PhantomAnatomy a) => W + 95 + (a.SoftTissue - 0.55f) * 200;

    private SKPath BuildCardiomediastinum()
    {
        var m = Mediastinum;
        var p = new SKPath();
        var top = Apex - 40;
        // upper mediastinum with the aortic knob on the patient's left
        var knobY = Apex + 0.25f * (DomeR - Apex);
        p.MoveTo(Mid - m, top);
        p.LineTo(Mid + m * 0.9f, top);
        p.CubicTo(Mid + m, knobY - 60, Mid + m + 45, knobY - 40, Mid + m + 30, knobY + 15);
        p.CubicTo(Mid + m + 20, knobY + 40, Mid + m * 0.8f, HeartTop - 10, HeartLeftX - 0.45f * HeartWidth * 0.64f, HeartTop);
        // left heart border (left ventricle) sweeping to the apex at the dome
        var bottom = Math.Max(DomeL, DomeR) + 40;
        var hw = HeartWidth;
        p.CubicTo(HeartLeftX - 0.22f * hw, HeartTop + 20, HeartLeftX - 0.02f * hw, bottom - 230, HeartLeftX, bottom - 90);
        p.CubicTo(HeartLeftX + 0.01f * hw, bottom - 40, HeartLeftX - 0.06f * hw, bottom + 10, HeartLeftX - 0.12f * hw, bottom + 40);
        p.LineTo(HeartRightX + 0.05f * hw, bottom + 40);
        // right heart border (right atrium, convex) up to the SVC
        p.CubicTo(HeartRightX - 0.06f * hw, bottom - 40, HeartRightX - 0.05f * hw, HeartTop + 90, HeartRightX + 0.06f * hw, HeartTop + 20);
        p.LineTo(Mid - m * 1.05f, HeartTop - 10);
        p.LineTo(Mid - m, top);
        p.Close();
        // clip below the diaphragm
        var thorax = new SKPath();
        thorax.MoveTo(0, -200);
        thorax.LineTo(1000, -200);
        thorax.LineTo(1000, DomeL + 40);
        thorax.CubicTo(Mid + 0.5f * W, DomeL + 10, Mid + 0.2f * W, DomeL + 40, Mid, Math.Max(DomeL, DomeR) + 60);
        thorax.CubicTo(Mid - 0.2f * W, DomeR + 40, Mid - 0.5f * W, DomeR + 10, 0, DomeR + 40);
        thorax.Close();
        Abdomen = new SKPath();
        Abdomen.AddRect(new SKRect(-500, -500, 1500, 1500));
        Abdomen = Abdomen.Op(thorax, SKPathOp.Difference) ?? Abdomen;
        return p.Op(thorax, SKPathOp.Intersect) ?? p;
    }

    private SKPath BuildHemithorax(int s, float dome)
    {
        var w = W;
        float X(float dx) => Mid + s * dx;
        var p = new SKPath();
        p.MoveTo(X(15), Apex + 70);
        p.CubicTo(X(20), Apex + 10, X(0.30f * w), Apex - 25, X(0.52f * w), Apex + 5);
        p.CubicTo(X(0.80f * w), Apex + 40, X(0.97f * w), Apex + 200, X(1.0f * w), dome - 60);
        p.CubicTo(X(1.01f * w), dome, X(0.99f * w), dome + Cp * 0.8f, X(0.96f * w), dome + Cp);
        p.CubicTo(X(0.85f * w), dome + 10, X(0.68f * w), dome - 18, X(0.48f * w), dome);
        p.CubicTo(X(0.30f * w), dome + 14, X(0.15f * w), dome + 35, X(15), dome + 50);
        p.Close();
        return p;
    }
}
