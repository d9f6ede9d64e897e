namespace CxrSeg.Phantoms;

/// <summary>Draws a varied set of phantoms (all findings and devices represented) for previews and benchmarks.</summary>
public static class PhantomDemo
{
    /// <summary>The <paramref name="index"/>-th demo case of a run seeded with <paramref name="seed"/>.</summary>
    public static PhantomCase Case(int seed, int index, int size)
    {
        var rng = PhantomRandom.For(seed, "demo", index);
        var anatomy = PhantomSampler.Anatomy(rng, rng.Chance(0.45));
        var acq = PhantomSampler.Acquisition(rng, 0.5);
        var sev = rng.RangeF(0, 1);
        var kind = index % 6;
        var ops = kind switch
        {
            0 => PhantomSampler.Typical(rng, sev),
            1 => PhantomSampler.Atypical(rng, sev),
            2 => PhantomSampler.Indeterminate(rng, sev),
            _ => rng.Chance(0.5) ? PhantomSampler.Typical(rng, sev) : [],
        };
        var f = new PhantomFindings
        {
            Opacities = ops,
            EffusionRight = kind == 3 ? rng.RangeF(0.2, 0.7) : 0,
            EffusionLeft = kind == 3 && rng.Chance(0.5) ? rng.RangeF(0.15, 0.5) : 0,
            PneumothoraxSide = kind == 4 ? (rng.Chance(0.5) ? -1 : 1) : 0,
            PneumothoraxSize = rng.RangeF(0.15, 0.4),
            Cardiomegaly = kind == 5,
            Edema = kind == 5 ? 0.8f : 0,
            EndotrachealTube = index % 3 == 1,
            NasogastricTube = index % 3 == 1,
            CentralLine = index % 4 == 1 ? -1 : index % 4 == 3 ? 1 : 0,
            Probes = index % 2 == 1 ? rng.Int(2, 5) : 0,
            Tubings = index % 5 == 2 ? 1 : 0,
            Fracture = index % 7 == 3,
            LungLesion = index % 8 == 5,
        };
        var h = size;
        var w = (int)(size * rng.RangeF(0.9, 1.15));
        return new PhantomCase(w, h, anatomy, f, acq, rng.NextULong());
    }
}
