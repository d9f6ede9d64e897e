using CxrSeg.Data.Ccxs;
using CxrSeg.Phantoms;

namespace CxrSeg.Tests.Phantoms;

public sealed class PhantomRendererTests
{
    private static PhantomCase Case(int index, int size = 128) => PhantomDemo.Case(7, index, size);

    private static double Mean(PhantomImage img, Func<int, bool> where)
    {
        double s = 0;
        var n = 0;
        for (var i = 0; i < img.Pixels.Length; i++) if (where(i)) { s += img.Pixels[i]; n++; }
        Assert.True(n > 0, "empty region");
        return s / n;
    }

    [Fact]
    public void Lungs_are_darker_than_the_cardiomediastinum_and_on_the_right_sides()
    {
        for (var k = 0; k < 6; k++)
        {
            var img = PhantomRenderer.Render(Case(k));
            var lungs = Mean(img, i => img.Masks[0][i] + img.Masks[1][i] > 0 && img.Masks[4][i] + img.Masks[5][i] + img.Masks[6][i] == 0);
            var cm = Mean(img, i => img.Masks[2][i] != 0);
            Assert.True(lungs + 0.12 < cm, $"case {k}: lungs {lungs:F3} vs mediastinum {cm:F3}");
            double Cx(byte[] m) => Enumerable.Range(0, m.Length).Where(i => m[i] != 0).Average(i => i % img.Width);
            // the patient's left lung lies on the image's right
            Assert.True(Cx(img.Masks[CcxsClasses.LeftLung]) > Cx(img.Masks[CcxsClasses.RightLung]));
            Assert.True(Cx(img.Masks[CcxsClasses.RightLung]) < img.Width / 2.0);
        }
    }

    [Fact]
    public void Devices_are_brighter_than_their_surroundings()
    {
        var c = Case(1, 160);
        c = c with
        {
            Findings = c.Findings with { EndotrachealTube = true, NasogastricTube = true, CentralLine = -1, Probes = 3, Tubings = 1 },
            Acquisition = c.Acquisition with { Noise = 0.004f },
        };
        var img = PhantomRenderer.Render(c);
        foreach (var ch in new[] { 8, 9, 10, 11, 12 })
        {
            var m = img.Masks[ch];
            Assert.Contains(m, v => v != 0);
            var ring = Ring(m, img.Width, img.Height, 3);
            var inside = Mean(img, i => m[i] != 0 && img.Pixels[i] < 0.999f);
            var around = Mean(img, i => ring[i]);
            Assert.True(inside > around + 0.02, $"{CcxsClasses.All[ch].Name}: inside {inside:F3} vs around {around:F3}");
        }
    }

    [Fact]
    public void Every_box_holds_opacity_pixels_that_are_denser_than_without_the_finding()
    {
        for (var k = 0; k < 3; k++)
        {
            var c = Case(k * 6, 128);
            c = c with { Findings = c.Findings with { Opacities = PhantomSampler.Typical(PhantomRandom.For(3, "t", k), 0.8f) } };
            var with = PhantomRenderer.Render(c);
            var without = PhantomRenderer.Render(c with { Findings = c.Findings with { Opacities = [] } });
            Assert.NotEmpty(with.Boxes);
            var op = new bool[with.Pixels.Length];
            for (var i = 0; i < op.Length; i++) op[i] = with.Masks[4][i] + with.Masks[5][i] > 0;
            foreach (var b in with.Boxes)
            {
                var count = 0;
                for (var y = b.Y0; y < b.Y1; y++) for (var x = b.X0; x < b.X1; x++) if (op[y * with.Width + x]) count++;
                Assert.True(count > 0, $"box {b} holds no opacity pixel");
            }
            var a = Mean(with, i => op[i]);
            var z = Mean(without, i => op[i]);
            Assert.True(a > z + 0.02, $"opacity {a:F3} vs same pixels without it {z:F3}");
        }
    }

    [Fact]
    public void Effusion_whitens_the_base_and_pneumothorax_rim_is_lucent()
    {
        var c = Case(3, 128);
        var eff = c with { Findings = new PhantomFindings { EffusionRight = 0.5f }, Acquisition = c.Acquisition with { Noise = 0.003f } };
        var img = PhantomRenderer.Render(eff);
        var none = PhantomRenderer.Render(eff with { Findings = new PhantomFindings() });
        Assert.Contains(img.Masks[6], v => v != 0);
        Assert.True(Mean(img, i => img.Masks[6][i] != 0) > Mean(none, i => img.Masks[6][i] != 0) + 0.03);

        var ptx = eff with { Findings = new PhantomFindings { PneumothoraxSide = 1, PneumothoraxSize = 0.3f } };
        var p = PhantomRenderer.Render(ptx);
        Assert.Contains(p.Masks[7], v => v != 0);
        Assert.True(Mean(p, i => p.Masks[7][i] != 0) < Mean(none, i => p.Masks[7][i] != 0));
    }

    [Fact]
    public void Rendering_is_deterministic_and_seed_dependent()
    {
        var a = PhantomRenderer.Render(Case(2, 96));
        var b = PhantomRenderer.Render(Case(2, 96));
        var other = PhantomRenderer.Render(PhantomDemo.Case(8, 2, 96));
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(a.Pixels, other.Pixels);
    }

    private static bool[] Ring(byte[] m, int w, int h, int d)
    {
        var ring = new bool[m.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (m[y * w + x] != 0) continue;
                var near = false;
                for (var dy = -d; dy <= d && !near; dy++)
                    for (var dx = -d; dx <= d && !near; dx++)
                    {
                        var (xx, yy) = (x + dx, y + dy);
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy * w + xx] != 0) near = true;
                    }
                ring[y * w + x] = near;
            }
        return ring;
    }
}
