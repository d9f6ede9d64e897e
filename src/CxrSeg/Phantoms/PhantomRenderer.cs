using CxrSeg.Data.Ccxs;
using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>
/// Renders a <see cref="PhantomCase"/> into a radiograph: anatomy and findings are accumulated as an attenuation
/// field (float arrays; shapes rasterised with SkiaSharp), then blurred, made noisy and mapped through the
/// acquisition's contrast curve. Masks come from the same rasterised shapes, so they agree with the pixels.
/// </summary>
public static class PhantomRenderer
{
    /// <summary>Renders a frontal radiograph with its 13 masks and opacity boxes.</summary>
    public static PhantomImage Render(PhantomCase c)
    {
        var (w, h) = (c.Width, c.Height);
        var a = c.Anatomy;
        var q = c.Acquisition;
        var f = c.Findings;
        var g = new ChestGeometry(a, q, f);
        var detail = new PhantomRandom(a.DetailSeed);
        var rng = new PhantomRandom(c.Seed);
        using var r = new Rasterizer(w, h, Transform(c));
        var u = r.Scale; // pixels per canonical unit
        var n = w * h;
        var masks = new byte[CcxsClasses.All.Count][];
        var A = new float[n];

        // body: soft tissue thicker in the middle
        var body = r.FillField(g.Body);
        FieldOps.Blur(body, w, h, 3 * u);
        var bodyWide = FieldOps.Copy(body);
        FieldOps.Blur(bodyWide, w, h, 70 * u);
        for (var i = 0; i < n; i++) A[i] = a.SoftTissue * (0.55f * body[i] + 0.45f * bodyWide[i] * body[i]);

        var bodyTex = FieldOps.Texture(rng, w, h, Math.Max(1, 25 * u));
        for (var i = 0; i < n; i++) A[i] += 0.025f * bodyTex[i] * body[i];

        // arms beside the chest
        r.Begin();
        var bw = g.BodyHalfWidth(a);
        foreach (var s in new[] { -1, 1 })
        {
            using var arm = new SKPath();
            var x0 = ChestGeometry.Mid + s * (bw + 30);
            arm.MoveTo(x0, g.Apex);
            arm.CubicTo(x0 + s * 40, g.Apex - 40, x0 + s * 200, g.Apex - 20, x0 + s * 260, g.Apex + 20);
            arm.LineTo(x0 + s * 260, 1400);
            arm.LineTo(x0 + s * 30, 1400);
            arm.Close();
            r.Fill(arm);
        }
        var arms = r.Read();
        FieldOps.Blur(arms, w, h, 6 * u);
        FieldOps.AddScaled(A, arms, 0.3f * a.SoftTissue);

        // cardiomediastinum and abdomen
        var cm = r.FillField(g.Cardiomediastinum);
        masks[2] = FieldOps.Threshold(cm, 0.5f);
        FieldOps.Blur(cm, w, h, 3 * u);
        FieldOps.AddScaled(A, cm, 0.06f);
        var abdomen = r.FillField(g.Abdomen);
        FieldOps.Blur(abdomen, w, h, 10 * u);
        for (var i = 0; i < n; i++) A[i] += 0.06f * abdomen[i] * body[i];

        // lungs
        var lungR = r.FillField(g.LungRight);
        var lungL = r.FillField(g.LungLeft);
        masks[0] = FieldOps.Threshold(lungR, 0.5f);
        masks[1] = FieldOps.Threshold(lungL, 0.5f);
        var lungs = new float[n];
        for (var i = 0; i < n; i++) lungs[i] = Math.Min(1, lungR[i] + lungL[i]);
        var lungSoft = FieldOps.Copy(lungs);
        FieldOps.Blur(lungSoft, w, h, 9 * u);
        var lungDeep = FieldOps.Copy(lungs);
        FieldOps.Blur(lungDeep, w, h, 45 * u);
        var lungDepth = 0.26f + 0.06f * (a.SoftTissue - 0.45f);

        // effusion and pneumothorax change how much air the lung holds
        var eff = new float[n];
        var effMask = new byte[n];
        foreach (var s in new[] { -1, 1 })
        {
            var size = s < 0 ? f.EffusionRight : f.EffusionLeft;
            if (size <= 0) continue;
            var e = EffusionField(r, g, s, size);
            for (var i = 0; i < n; i++) { if (e[i] >= 0.5f) effMask[i] = 1; }
            FieldOps.Blur(e, w, h, 12 * u);
            for (var i = 0; i < n; i++) eff[i] = Math.Max(eff[i], e[i]);
        }
        masks[6] = effMask;

        float[]? ptxRim = null;
        float[]? pleuralLine = null;
        if (f.PneumothoraxSide != 0)
            (ptxRim, pleuralLine) = PneumothoraxFields(r, g, f.PneumothoraxSide, f.PneumothoraxSize);
        masks[7] = ptxRim is null ? new byte[n] : FieldOps.Threshold(ptxRim, 0.5f);

        for (var i = 0; i < n; i++)
        {
            var air = lungDepth * (0.55f * lungSoft[i] + 0.45f * lungDeep[i] * lungSoft[i]);
            air *= 1 - 0.85f * eff[i];
            A[i] -= air;
        }
        if (ptxRim is not null)
        {
            var rimSoft = FieldOps.Copy(ptxRim);
            FieldOps.Blur(rimSoft, w, h, 1.5f * u);
            FieldOps.AddScaled(A, rimSoft, -0.05f);
        }
        FieldOps.AddScaled(A, eff, 0.05f);

        // gastric bubble
        if (a.GastricBubble)
        {
            r.Begin();
            using var bubble = new SKPath();
            bubble.AddOval(SKRect.Create(ChestGeometry.Mid + 0.35f * g.W, g.DomeL + 25, 110, 55));
            r.Fill(bubble);
            var bub = r.Read();
            FieldOps.Blur(bub, w, h, 4 * u);
            FieldOps.AddScaled(A, bub, -0.13f);
        }

        // breasts
        if (a.Female)
        {
            r.Begin();
            foreach (var s in new[] { -1, 1 })
            {
                using var br = new SKPath();
                br.AddOval(SKRect.Create(ChestGeometry.Mid + s * 0.62f * g.W - 170, g.Dome(s) - 170, 340, 260));
                r.Fill(br);
            }
            var bf = r.Read();
            FieldOps.Blur(bf, w, h, 30 * u);
            FieldOps.AddScaled(A, bf, 0.07f);
        }

        // spine
        r.Begin();
        using (var spine = new SKPath())
        {
            spine.AddRect(new SKRect(ChestGeometry.Mid - 38, -200, ChestGeometry.Mid + 38, 1400));
            r.Fill(spine, 0.6f);
        }
        var vert = g.Apex - 60;
        while (vert < 1300)
        {
            var hgt = 30 + 0.05f * (vert - g.Apex);
            using var vb = new SKPath();
            vb.AddRoundRect(SKRect.Create(ChestGeometry.Mid - 40, vert, 80, hgt), 8, 8);
            r.Fill(vb, 0.5f);
            r.Circle(ChestGeometry.Mid - 27, vert + hgt * 0.3f, 6, 0.35f);
            r.Circle(ChestGeometry.Mid + 27, vert + hgt * 0.3f, 6, 0.35f);
            vert += hgt + 8;
        }
        var spineF = r.Read();
        FieldOps.Blur(spineF, w, h, 2 * u);
        FieldOps.AddScaled(A, spineF, 0.075f);

        // ribs (posterior arcs bright, anterior arcs fainter), clavicles, scapulae, humeral heads
        var ribs = RibField(r, g, detail, q.Ap);
        if (f.Fracture)
        {
            r.Begin();
            var fs = rng.Chance(0.5) ? -1 : 1;
            var fy = g.Apex + rng.RangeF(0.25, 0.6) * (g.Dome(fs) - g.Apex);
            var fx = ChestGeometry.Mid + fs * g.W * rng.RangeF(0.75, 0.95);
            using var fl = new SKPath();
            fl.MoveTo(fx - 8, fy - 60);
            fl.LineTo(fx + 8, fy + 60);
            r.Stroke(fl, 4);
            var frac = r.Read();
            for (var i = 0; i < n; i++) ribs[i] *= 1 - 0.95f * frac[i];
        }
        for (var i = 0; i < n; i++) A[i] += 0.06f * ribs[i] * body[i] * (0.3f + 0.7f * lungSoft[i]);
        var bones = BonesField(r, g, q.Ap);
        FieldOps.AddScaled(A, bones, 0.12f);

        // airways
        r.Begin();
        var airway = AirwayPath(g);
        r.Stroke(airway.Trachea, 36);
        r.Stroke(airway.Bronchi, 24);
        var aw = r.Read();
        masks[3] = FieldOps.Threshold(aw, 0.5f);
        FieldOps.Blur(aw, w, h, 4 * u);
        FieldOps.AddScaled(A, aw, -0.09f);

        // vessels and parenchymal texture
        var vessels = VesselField(r, g, detail);
        FieldOps.Blur(vessels, w, h, 1.8f * u);
        var tex = FieldOps.Texture(rng, w, h, Math.Max(1, 3 * u));
        for (var i = 0; i < n; i++)
        {
            var v = vessels[i] * lungSoft[i];
            if (ptxRim is not null) v *= 1 - ptxRim[i];
            A[i] += 0.05f * v * (0.4f + 0.6f * lungDeep[i]) + 0.02f * tex[i] * lungSoft[i];
        }
        if (pleuralLine is not null) FieldOps.AddScaled(A, pleuralLine, 0.07f);

        // opacities
        var boxes = new List<PhantomBox>();
        var ggo = new byte[n];
        var cons = new byte[n];
        var opTex = FieldOps.Texture(rng, w, h, Math.Max(1, 10 * u));
        foreach (var op in f.Opacities)
        {
            var (field, mask) = OpacityField(r, g, op, rng, ptxRim, op.Side < 0 ? lungR : lungL);
            var box = BoundingBox(mask, w, h);
            if (box is null) continue;
            boxes.Add(box with { Kind = op.Kind });
            var target = op.Kind == OpacityKind.GroundGlass ? ggo : cons;
            for (var i = 0; i < n; i++)
            {
                if (mask[i] != 0) target[i] = 1;
                A[i] += op.Amplitude * field[i] * (1 + 0.45f * opTex[i]);
            }
            if (op.Kind == OpacityKind.Consolidation)
            {
                var bronch = BronchogramField(r, g, op, rng);
                for (var i = 0; i < n; i++) A[i] -= 0.55f * op.Amplitude * bronch[i] * field[i];
            }
        }
        masks[4] = ggo;
        masks[5] = cons;

        AddEdemaAndOthers(r, g, f, rng, A, lungs, lungSoft, body);

        // devices
        masks[8] = DeviceEtt(r, g, f, rng, A);
        masks[9] = DeviceCvc(r, g, f, rng, A);
        masks[11] = DeviceNg(r, g, f, rng, A);
        masks[10] = DeviceProbes(r, g, f, rng, A);
        masks[12] = DeviceTubing(r, g, f, rng, A);
        if (q.Marker != 0) AddMarker(r, q.Marker, A);

        var pixels = Acquire(A, w, h, q, rng);
        return new PhantomImage(w, h, pixels, masks, boxes);
    }

    /// <summary>
    /// How much of the canonical frame a zoom of 1 shows: 1.3 shows 770 of its 1000 units, so the lungs cover about 30 %
    /// of a square frontal image (both lungs together), as on real radiographs (JSRT's lung masks: 30 %; the real CCXS:
    /// 35 %; measured with <c>cxrseg stats prepared</c> at 96²). At 1 they covered 18 %: the phantom showed too much
    /// of the shoulders and abdomen, and every finding was drawn at about half its real share of the image.
    /// </summary>
    internal const float FieldOfView = 1.3f;

    /// <summary>The canonical height at the image centre: just below the middle of the lung fields (apex ≈ 130, costophrenic angles ≈ 700), so both angles stay in view.</summary>
    private const float CentreY = 445;

    /// <summary>Canonical units → pixels for this case.</summary>
    internal static SKMatrix Transform(PhantomCase c)
    {
        var q = c.Acquisition;
        var s = FieldOfView * q.Zoom * Math.Min(c.Width, c.Height * 1.05f) / 1000f;
        return SKMatrix.CreateTranslation(-500, -CentreY)
            .PostConcat(SKMatrix.CreateScale(s, s))
            .PostConcat(SKMatrix.CreateRotationDegrees(q.RotationDegrees))
            .PostConcat(SKMatrix.CreateTranslation(c.Width / 2f + q.ShiftX * s, c.Height / 2f + q.ShiftY * s));
    }

    private static float[] Acquire(float[] A, int w, int h, PhantomAcquisition q, PhantomRandom rng)
    {
        FieldOps.Blur(A, w, h, q.BlurPixels);
        var n = w * h;
        var outp = new float[n];
        var inv = 1f / (q.High - q.Low);
        var noise = new float[n];
        for (var i = 0; i + 1 < n; i += 2) (noise[i], noise[i + 1]) = rng.NormalPair();
        if (n % 2 == 1) noise[n - 1] = (float)rng.Normal();
        for (var y = 0; y < h; y++)
        {
            var heel = 1 + q.Heel * ((float)y / h - 0.5f);
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                var v = A[i] * heel + q.Noise * noise[i];
                outp[i] = MathF.Pow(Shoulder((v - q.Low) * inv), q.Gamma);
            }
        }
        return outp;
    }

    /// <summary>Film-like response: linear in the middle, a soft shoulder instead of hard clipping at white, clamped at black.</summary>
    internal static float Shoulder(float t)
    {
        if (t <= 0) return 0;
        const float knee = 0.75f;
        return t < knee ? t : knee + (1 - knee) * MathF.Tanh((t - knee) / (1 - knee));
    }

    private static float[] EffusionField(Rasterizer r, ChestGeometry g, int s, float size)
    {
        var dome = g.Dome(s);
        var level = dome - size * 0.5f * (dome - g.Apex);
        float X(float dx) => ChestGeometry.Mid + s * dx;
        using var region = new SKPath();
        region.MoveTo(X(1.2f * g.W), level - 130 * (0.3f + size));
        region.CubicTo(X(0.95f * g.W), level - 5, X(0.7f * g.W), level + 25, X(0), level + 40);
        region.LineTo(X(0), 1400);
        region.LineTo(X(1.2f * g.W), 1400);
        region.Close();
        using var inLung = g.Lung(s).Op(region, SKPathOp.Intersect);
        return inLung is null ? new float[r.Width * r.Height] : r.FillField(inLung);
    }

    private static (float[] Rim, float[] Line) PneumothoraxFields(Rasterizer r, ChestGeometry g, int s, float size)
    {
        var lung = g.Lung(s);
        var b = lung.Bounds;
        var cx = s < 0 ? b.Right : b.Left;
        var cy = b.Bottom - 0.25f * b.Height;
        var k = 1 - size;
        using var inner = new SKPath(lung);
        inner.Transform(SKMatrix.CreateScale(k, 0.85f + 0.15f * k, cx, cy));
        using var innerClip = inner.Op(lung, SKPathOp.Intersect) ?? new SKPath();
        using var rimPath = lung.Op(innerClip, SKPathOp.Difference) ?? new SKPath();
        var rim = r.FillField(rimPath);
        var line = r.StrokeField(innerClip, 3.5f);
        var near = FieldOps.Copy(rim);
        FieldOps.Blur(near, r.Width, r.Height, 3 * r.Scale);
        for (var i = 0; i < line.Length; i++) line[i] *= Math.Clamp(near[i] * 4, 0, 1);
        return (rim, line);
    }

    private static float[] RibField(Rasterizer r, ChestGeometry g, PhantomRandom d, bool ap)
    {
        var spacing = (g.DomeR + 60 - g.Apex) / 9.2f;
        var outer = new float[r.Width * r.Height];
        var inner = new float[r.Width * r.Height];
        var ribSeed = d.NextULong();
        for (var pass = 0; pass < 2; pass++)
        {
            r.Begin();
            foreach (var s in new[] { -1, 1 })
            {
                var jit = new PhantomRandom(ribSeed + (ulong)(s + 7));
                for (var k = 0; k < 10; k++)
                {
                    var y0 = g.Apex - 25 + k * spacing + (float)jit.Normal() * 3;
                    var ww = g.W * (0.75f + 0.25f * Math.Min(1, k / 4f));
                    float X(float dx) => ChestGeometry.Mid + s * dx;
                    using var post = new SKPath();
                    post.MoveTo(X(30), y0);
                    post.CubicTo(X(0.45f * ww), y0 - 38, X(0.9f * ww), y0 - 18, X(1.06f * ww), y0 + 55);
                    var width = (18 + 0.6f * k) * (pass == 0 ? 1 : 0.5f);
                    r.Stroke(post, width, 1f);
                    using var ant = new SKPath();
                    var ay = y0 + 55;
                    ant.MoveTo(X(1.06f * ww), ay);
                    ant.CubicTo(X(1.0f * ww), ay + 60, X(0.7f * ww), ay + 100 + 6 * k, X(0.32f * ww), ay + 150 + 10 * k);
                    r.Stroke(ant, width * 0.8f, ap ? 0.3f : 0.4f);
                }
            }
            var layer = r.Read();
            if (pass == 0) outer = layer; else inner = layer;
        }
        for (var i = 0; i < outer.Length; i++) outer[i] -= 0.45f * inner[i];
        FieldOps.Blur(outer, r.Width, r.Height, 0.8f * r.Scale);
        return outer;
    }

    private static float[] BonesField(Rasterizer r, ChestGeometry g, bool ap)
    {
        r.Begin();
        foreach (var s in new[] { -1, 1 })
        {
            float X(float dx) => ChestGeometry.Mid + s * dx;
            var cy = g.Apex + (ap ? -5 : 25);
            using var clav = new SKPath();
            clav.MoveTo(X(35), cy + 30);
            clav.CubicTo(X(0.35f * g.W), cy + 45, X(0.65f * g.W), cy - 30, X(1.08f * g.W), cy - 35);
            r.Stroke(clav, 26, 0.85f);
            // scapula: over the lung in AP, mostly outside in PA
            var off = ap ? 0 : 0.22f * g.W;
            using var scap = new SKPath();
            scap.MoveTo(X(0.78f * g.W + off), g.Apex + 10);
            scap.LineTo(X(1.12f * g.W + off), g.Apex - 5);
            scap.LineTo(X(0.98f * g.W + off), g.Apex + 330);
            scap.Close();
            r.Fill(scap, 0.35f);
            // humeral head
            r.Circle(X(g.W + 150), g.Apex + 15, 62, 0.9f);
        }
        var f = r.Read();
        FieldOps.Blur(f, r.Width, r.Height, 2.5f * r.Scale);
        return f;
    }

    private static (SKPath Trachea, SKPath Bronchi) AirwayPath(ChestGeometry g)
    {
        var t = new SKPath();
        t.MoveTo(ChestGeometry.Mid, g.Apex - 120);
        t.CubicTo(ChestGeometry.Mid, g.Apex, g.TracheaX, g.Apex + 80, g.TracheaX, g.CarinaY);
        var b = new SKPath();
        b.MoveTo(g.TracheaX, g.CarinaY - 10);
        b.CubicTo(g.TracheaX - 25, g.CarinaY + 25, g.TracheaX - 50, g.CarinaY + 60, g.TracheaX - 70, g.CarinaY + 95);
        b.MoveTo(g.TracheaX, g.CarinaY - 10);
        b.CubicTo(g.TracheaX + 35, g.CarinaY + 15, g.TracheaX + 75, g.CarinaY + 40, g.TracheaX + 105, g.CarinaY + 75);
        return (t, b);
    }

    private static float[] VesselField(Rasterizer r, ChestGeometry g, PhantomRandom d)
    {
        r.Begin();
        foreach (var s in new[] { -1, 1 })
        {
            var hx = ChestGeometry.Mid + s * (s < 0 ? 0.33f : 0.36f) * g.W;
            var hy = g.CarinaY + 55;
            r.Circle(hx, hy, 34, 0.45f);
            foreach (var deg in new[] { -100, -70, -40, -10, 20, 50, 80, 110 })
            {
                var ang = (deg + d.Range(-12, 12)) * Math.PI / 180;
                var dir = new SKPoint((float)(s * Math.Cos(ang)), (float)Math.Sin(ang));
                Branch(r, d, new SKPoint(hx, hy), dir, 95, 9, 0);
            }
        }
        return r.Read();
    }

    private static void Branch(Rasterizer r, PhantomRandom d, SKPoint p, SKPoint dir, float len, float width, int depth)
    {
        var bend = (float)d.Range(-0.5, 0.5);
        var nd = Rotate(dir, bend);
        var mid = new SKPoint(p.X + dir.X * len * 0.5f, p.Y + dir.Y * len * 0.5f);
        var end = new SKPoint(mid.X + nd.X * len * 0.5f, mid.Y + nd.Y * len * 0.5f);
        using var path = new SKPath();
        path.MoveTo(p);
        path.QuadTo(mid, end);
        r.Stroke(path, width, Math.Min(1f, 0.25f + width / 9f));
        if (depth >= 5 || width < 1.4f) return;
        var kids = d.Chance(0.35) ? 3 : 2;
        for (var k = 0; k < kids; k++)
        {
            var a = (float)(d.Range(0.25, 0.6) * (k % 2 == 0 ? 1 : -1));
            Branch(r, d, end, Rotate(nd, a), len * (float)d.Range(0.6, 0.85), width * 0.7f, depth + 1);
        }
    }

    private static SKPoint Rotate(SKPoint v, float a) =>
        new(v.X * MathF.Cos(a) - v.Y * MathF.Sin(a), v.X * MathF.Sin(a) + v.Y * MathF.Cos(a));

    private static (float[] Field, byte[] Mask) OpacityField(Rasterizer r, ChestGeometry g, OpacityRegion op, PhantomRandom rng, float[]? ptxRim, float[] inLung)
    {
        var lung = g.Lung(op.Side);
        var b = lung.Bounds;
        var medial = op.Side < 0 ? b.Right : b.Left;
        var lateral = op.Side < 0 ? b.Left : b.Right;
        var cx = medial + op.Lateral * (lateral - medial);
        var cy = b.Top + op.Depth * b.Height;
        r.Begin();
        var blobs = rng.Int(3, 7);
        for (var k = 0; k < blobs; k++)
        {
            var ang = rng.Range(0, 2 * Math.PI);
            var dist = rng.Range(0, 0.65) * op.Radius;
            using var e = new SKPath();
            var rx = op.Radius * rng.RangeF(0.35, 0.7);
            var ry = rx * rng.RangeF(0.7, 1.4);
            e.AddOval(SKRect.Create(cx + (float)(Math.Cos(ang) * dist) - rx, cy + (float)(Math.Sin(ang) * dist) - ry, 2 * rx, 2 * ry));
            r.Fill(e);
        }
        var field = r.Read();
        FieldOps.Blur(field, r.Width, r.Height, op.Radius * (op.Kind == OpacityKind.GroundGlass ? 0.3f : 0.2f) * r.Scale);
        var mask = new byte[field.Length];
        var soft = FieldOps.Copy(inLung);
        FieldOps.Blur(soft, r.Width, r.Height, 7 * r.Scale);
        for (var i = 0; i < field.Length; i++)
        {
            // a soft clip: the opacity fades at the lung border (and silhouettes it) instead of stopping sharply
            var inside = Math.Min(1f, soft[i] * 1.3f);
            if (ptxRim is not null) inside *= 1 - ptxRim[i];
            field[i] *= inside;
            if (field[i] >= 0.4f && inLung[i] >= 0.5f) mask[i] = 1;
        }
        return (field, mask);
    }

    private static float[] BronchogramField(Rasterizer r, ChestGeometry g, OpacityRegion op, PhantomRandom rng)
    {
        var b = g.Lung(op.Side).Bounds;
        var medial = op.Side < 0 ? b.Right : b.Left;
        var lateral = op.Side < 0 ? b.Left : b.Right;
        var cx = medial + op.Lateral * (lateral - medial);
        var cy = b.Top + op.Depth * b.Height;
        r.Begin();
        var hx = ChestGeometry.Mid + op.Side * 0.3f * g.W;
        var hy = g.CarinaY + 60;
        var dir = new SKPoint(cx - hx, cy - hy);
        var len = MathF.Sqrt(dir.X * dir.X + dir.Y * dir.Y) + 1e-3f;
        dir = new SKPoint(dir.X / len, dir.Y / len);
        var start = new SKPoint(cx - dir.X * op.Radius * 0.8f, cy - dir.Y * op.Radius * 0.8f);
        Branch(r, rng, start, dir, op.Radius * 0.9f, 6, 2);
        var f = r.Read();
        FieldOps.Blur(f, r.Width, r.Height, 1.0f * r.Scale);
        return f;
    }

    private static void AddEdemaAndOthers(Rasterizer r, ChestGeometry g, PhantomFindings f, PhantomRandom rng, float[] A, float[] lungs, float[] lungSoft, float[] body)
    {
        var n = A.Length;
        if (f.Edema > 0)
        {
            r.Begin();
            foreach (var s in new[] { -1, 1 })
            {
                using var e = new SKPath();
                var cx = ChestGeometry.Mid + s * 0.38f * g.W;
                e.AddOval(SKRect.Create(cx - 0.3f * g.W, g.CarinaY - 60, 0.6f * g.W, 0.55f * (g.Dome(s) - g.Apex)));
                r.Fill(e);
            }
            var haze = r.Read();
            FieldOps.Blur(haze, r.Width, r.Height, 45 * r.Scale);
            r.Begin();
            foreach (var s in new[] { -1, 1 })
                for (var k = 0; k < 6; k++)
                {
                    var y = g.Dome(s) - rng.RangeF(10, 120);
                    var x = ChestGeometry.Mid + s * g.W * rng.RangeF(0.85, 1.0f);
                    using var l = new SKPath();
                    l.MoveTo(x, y);
                    l.LineTo(x - s * rng.RangeF(15, 30), y + rng.RangeF(-3, 3));
                    r.Stroke(l, 2.5f);
                }
            var kerley = r.Read();
            for (var i = 0; i < n; i++) A[i] += (0.10f * f.Edema * haze[i] + 0.05f * kerley[i]) * lungSoft[i];
        }
        if (f.Atelectasis)
        {
            var s = rng.Chance(0.6) ? 1 : -1;
            r.Begin();
            using var l = new SKPath();
            var y = g.Dome(s) - rng.RangeF(50, 110);
            l.MoveTo(ChestGeometry.Mid + s * 0.25f * g.W, y + 15);
            l.QuadTo(ChestGeometry.Mid + s * 0.55f * g.W, y - 10, ChestGeometry.Mid + s * 0.85f * g.W, y + rng.RangeF(-20, 10));
            r.Stroke(l, rng.RangeF(8, 14));
            var at = r.Read();
            FieldOps.Blur(at, r.Width, r.Height, 2 * r.Scale);
            for (var i = 0; i < n; i++) A[i] += 0.13f * at[i] * lungs[i];
        }
        if (f.LungLesion)
        {
            var s = rng.Chance(0.5) ? 1 : -1;
            var b = g.Lung(s).Bounds;
            r.Begin();
            var rad = rng.RangeF(12, 38);
            r.Circle(b.Left + b.Width * rng.RangeF(0.3, 0.7), b.Top + b.Height * rng.RangeF(0.2, 0.65), rad);
            var les = r.Read();
            FieldOps.Blur(les, r.Width, r.Height, 0.2f * rad * r.Scale);
            for (var i = 0; i < n; i++) A[i] += 0.16f * les[i] * lungSoft[i];
        }
        if (f.PleuralOther)
        {
            var s = rng.Chance(0.5) ? 1 : -1;
            r.Begin();
            r.Stroke(g.Lung(s), rng.RangeF(10, 18));
            var pl = r.Read();
            var cut = g.Apex + rng.RangeF(0.2, 0.5) * (g.Dome(s) - g.Apex);
            var inv = TryInvert(r.Transform);
            for (var y = 0; y < r.Height; y++)
                for (var x = 0; x < r.Width; x++)
                {
                    var cp = inv.MapPoint(x, y);
                    if (cp.Y > cut || MathF.Abs(cp.X - ChestGeometry.Mid) < 0.45f * g.W) pl[y * r.Width + x] = 0;
                }
            FieldOps.Blur(pl, r.Width, r.Height, 2 * r.Scale);
            for (var i = 0; i < n; i++) A[i] += 0.12f * pl[i] * body[i];
        }
    }

    private static SKMatrix TryInvert(SKMatrix m) => m.TryInvert(out var inv) ? inv : SKMatrix.Identity;

    private static byte[] Device(Rasterizer r, float[] A, IEnumerable<(SKPath Path, float Width, float Density)> strokes, float maskWidthScale = 1f)
    {
        var n = A.Length;
        var mask = new byte[n];
        foreach (var (path, width, density) in strokes)
        {
            var fld = r.StrokeField(path, width);
            for (var i = 0; i < n; i++) A[i] += density * fld[i];
            var m = maskWidthScale == 1f ? fld : r.StrokeField(path, width * maskWidthScale);
            for (var i = 0; i < n; i++) if (m[i] >= 0.5f) mask[i] = 1;
            path.Dispose();
        }
        return mask;
    }

    private static byte[] DeviceEtt(Rasterizer r, ChestGeometry g, PhantomFindings f, PhantomRandom rng, float[] A)
    {
        if (!f.EndotrachealTube) return new byte[A.Length];
        var tip = g.CarinaY - rng.RangeF(35, 90);
        var x = g.TracheaX + rng.RangeF(-4, 4);
        SKPath P(float dx)
        {
            var p = new SKPath();
            p.MoveTo(ChestGeometry.Mid + rng.RangeF(-30, 30) * 0 + dx + 20, -250);
            p.CubicTo(ChestGeometry.Mid + dx + 10, g.Apex - 80, x + dx, g.Apex, x + dx, tip);
            return p;
        }
        var mask = Device(r, A, [(P(0), 17, 0.10f)]);
        _ = Device(r, A, [(P(-5), 3.5f, 0.38f)]);
        return mask;
    }

    private static byte[] DeviceNg(Rasterizer r, ChestGeometry g, PhantomFindings f, PhantomRandom rng, float[] A)
    {
        if (!f.NasogastricTube) return new byte[A.Length];
        var p = new SKPath();
        var m = ChestGeometry.Mid;
        p.MoveTo(m + 25, -250);
        p.CubicTo(m + 10, g.Apex, m + 15, g.CarinaY + 60, m + 25, g.HeartTop + 80);
        var cross = g.DomeL + 30;
        p.CubicTo(m + 35, cross - 60, m + 0.2f * g.W, cross - 10, m + 0.3f * g.W, cross + 35);
        var tipX = m + rng.RangeF(0.35f, 0.55f) * g.W;
        p.CubicTo(m + 0.4f * g.W, cross + 80, tipX + 40, cross + 120, tipX, cross + rng.RangeF(100, 170));
        return Device(r, A, [(p, 6, 0.42f)], 1.4f);
    }

    private static byte[] DeviceCvc(Rasterizer r, ChestGeometry g, PhantomFindings f, PhantomRandom rng, float[] A)
    {
        if (f.CentralLine == 0) return new byte[A.Length];
        var m = ChestGeometry.Mid;
        var s = f.CentralLine;
        var p = new SKPath();
        var svcX = m - g.Mediastinum * 0.6f;
        var tip = g.HeartTop + rng.RangeF(-10, 50);
        if (rng.Chance(0.5))
        {
            // subclavian approach
            p.MoveTo(m + s * (g.W + 140), g.Apex - 10);
            p.CubicTo(m + s * 0.7f * g.W, g.Apex + 55, m + s * 0.3f * g.W, g.Apex + 40, m + s * 60, g.Apex + 90);
            p.CubicTo(svcX + 10, g.Apex + 130, svcX, g.CarinaY, svcX, tip);
        }
        else
        {
            // internal jugular approach
            p.MoveTo(m + s * 75, -250);
            p.CubicTo(m + s * 70, g.Apex - 60, m + s * 55, g.Apex + 40, (m + s * 50 + svcX) / 2, g.Apex + 110);
            p.CubicTo(svcX, g.Apex + 150, svcX, g.CarinaY, svcX, tip);
        }
        return Device(r, A, [(p, 5, 0.4f)], 1.5f);
    }

    private static byte[] DeviceProbes(Rasterizer r, ChestGeometry g, PhantomFindings f, PhantomRandom rng, float[] A)
    {
        var n = A.Length;
        var mask = new byte[n];
        if (f.Probes <= 0) return mask;
        var m = ChestGeometry.Mid;
        var spots = new List<(float X, float Y)>();
        var wires = new List<SKPath>();
        for (var k = 0; k < f.Probes; k++)
        {
            var s = k % 2 == 0 ? -1 : 1;
            var upper = k < 2 || rng.Chance(0.4);
            var x = m + s * g.W * rng.RangeF(0.4, 1.05);
            var y = upper ? g.Apex + rng.RangeF(-20, 100) : g.Dome(s) + rng.RangeF(-150, 80);
            spots.Add((x, y));
            var wire = new SKPath();
            wire.MoveTo(x, y);
            var ex = m + s * (g.W + rng.RangeF(150, 500));
            var ey = y + rng.RangeF(-400, 300);
            wire.CubicTo(x + rng.RangeF(-120, 120), y + rng.RangeF(-80, 120), ex - s * rng.RangeF(0, 200), ey + rng.RangeF(-100, 100), ex, ey);
            wires.Add(wire);
        }
        r.Begin();
        foreach (var (x, y) in spots) r.Circle(x, y, 17);
        var disc = r.Read();
        r.Begin();
        foreach (var (x, y) in spots)
        {
            using var ring = new SKPath();
            ring.AddCircle(x, y, 15);
            r.Stroke(ring, 4);
            r.Circle(x, y, 5);
        }
        var ringF = r.Read();
        r.Begin();
        foreach (var wire in wires) { r.Stroke(wire, 3.5f); wire.Dispose(); }
        var wireF = r.Read();
        for (var i = 0; i < n; i++)
        {
            A[i] += 0.05f * disc[i] + 0.4f * ringF[i] + 0.3f * wireF[i];
            if (disc[i] >= 0.5f || wireF[i] >= 0.5f) mask[i] = 1;
        }
        return mask;
    }

    private static byte[] DeviceTubing(Rasterizer r, ChestGeometry g, PhantomFindings f, PhantomRandom rng, float[] A)
    {
        var n = A.Length;
        var mask = new byte[n];
        var m = ChestGeometry.Mid;
        for (var k = 0; k < f.Tubings; k++)
        {
            using var p = new SKPath();
            var s = rng.Chance(0.5) ? -1 : 1;
            if (rng.Chance(0.5))
            {
                // oxygen / ventilator tubing crossing the upper chest
                p.MoveTo(m + s * (g.W + 300), g.Apex + rng.RangeF(-150, 200));
                p.CubicTo(m + s * rng.RangeF(100, 300), g.Apex + rng.RangeF(-50, 250), m - s * rng.RangeF(0, 200), g.Apex + rng.RangeF(-200, 150), m - s * rng.RangeF(100, 600), -300);
            }
            else
            {
                // pleural drain entering laterally
                var y = g.Dome(s) - rng.RangeF(60, 250);
                p.MoveTo(m + s * (g.W + 400), y + rng.RangeF(-50, 250));
                p.CubicTo(m + s * (g.W + 50), y + 40, m + s * 0.9f * g.W, y, m + s * 0.55f * g.W, g.Apex + rng.RangeF(60, 200));
            }
            var wide = r.StrokeField(p, 13);
            var lumen = r.StrokeField(p, 7);
            for (var i = 0; i < n; i++)
            {
                A[i] += 0.22f * wide[i] - 0.1f * lumen[i];
                if (wide[i] >= 0.5f) mask[i] = 1;
            }
        }
        return mask;
    }

    private static void AddMarker(Rasterizer r, int side, float[] A)
    {
        r.Begin();
        var inv = TryInvert(r.Transform);
        var corner = inv.MapPoint(side < 0 ? r.Width * 0.06f : r.Width * 0.88f, r.Height * 0.05f);
        using var p = new SKPath();
        var (x, y) = (corner.X, corner.Y);
        if (side > 0)
        {
            p.MoveTo(x, y);
            p.LineTo(x, y + 40);
            p.LineTo(x + 25, y + 40);
        }
        else
        {
            p.MoveTo(x, y + 40);
            p.LineTo(x, y);
            p.LineTo(x + 18, y);
            p.QuadTo(x + 30, y + 10, x + 18, y + 20);
            p.LineTo(x, y + 20);
            p.MoveTo(x + 12, y + 20);
            p.LineTo(x + 26, y + 40);
        }
        r.Stroke(p, 6);
        FieldOps.AddScaled(A, r.Read(), 0.9f);
    }

    private static PhantomBox? BoundingBox(byte[] mask, int w, int h)
    {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (mask[y * w + x] != 0)
                {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    if (y < y0) y0 = y;
                    if (y > y1) y1 = y;
                }
        return x1 < 0 ? null : new PhantomBox(x0, y0, x1 + 1, y1 + 1, OpacityKind.GroundGlass);
    }
}
