namespace CxrSeg.Phantoms;

/// <summary>Draws plausible anatomy, acquisitions and opacity patterns from a <see cref="PhantomRandom"/>.</summary>
public static class PhantomSampler
{
    /// <summary>A patient's anatomy.</summary>
    public static PhantomAnatomy Anatomy(PhantomRandom rng, bool female)
    {
        var w = rng.RangeF(320, 395) * (female ? 0.96f : 1f);
        var apex = rng.RangeF(105, 150);
        var dome = apex + rng.RangeF(440, 560);
        return new PhantomAnatomy
        {
            ThoraxHalfWidth = w,
            ApexY = apex,
            DomeRightY = dome,
            DomeLeftY = dome + rng.RangeF(5, 35),
            CostophrenicDepth = rng.RangeF(55, 100),
            CardiothoracicRatio = rng.RangeF(0.38, 0.5),
            MediastinumHalfWidth = rng.RangeF(50, 68),
            TrachealShift = rng.RangeF(-8, 8),
            SoftTissue = rng.RangeF(0.48, 0.66),
            Female = female,
            GastricBubble = rng.Chance(0.7),
            DetailSeed = rng.NextULong(),
        };
    }

    /// <summary>One acquisition; <paramref name="variation"/> scales how far position and rotation wander.</summary>
    public static PhantomAcquisition Acquisition(PhantomRandom rng, double apProbability, float variation = 1f)
    {
        var ap = rng.Chance(apProbability);
        var low = rng.RangeF(-0.02, 0.10);
        return new PhantomAcquisition
        {
            Ap = ap,
            RotationDegrees = rng.RangeF(-3.5, 3.5) * variation,
            ShiftX = rng.RangeF(-35, 35) * variation,
            ShiftY = rng.RangeF(-30, 40) * variation,
            Zoom = rng.RangeF(0.92, 1.06),
            Low = low,
            High = low + rng.RangeF(0.72, 0.92),
            Gamma = rng.RangeF(0.75, 1.35),
            Noise = rng.RangeF(0.004, 0.022),
            BlurPixels = rng.RangeF(0.3, 1.3),
            Heel = rng.RangeF(-0.12, 0.12),
            Marker = rng.Chance(0.6) ? (rng.Chance(0.7) ? 1 : -1) : 0,
        };
    }

    /// <summary>Typical COVID-19 pattern: bilateral, peripheral, basal ground glass (sometimes a third focus).</summary>
    public static IReadOnlyList<OpacityRegion> Typical(PhantomRandom rng, float severity)
    {
        var list = new List<OpacityRegion>
        {
            Ggo(rng, OpacityRegion.Right, rng.RangeF(0.55, 0.85), rng.RangeF(0.5, 0.8), severity),
            Ggo(rng, OpacityRegion.Left, rng.RangeF(0.55, 0.85), rng.RangeF(0.5, 0.8), severity),
        };
        if (rng.Chance(0.25)) list.Add(Ggo(rng, rng.Chance(0.5) ? -1 : 1, rng.RangeF(0.5, 0.85), rng.RangeF(0.2, 0.4), severity));
        if (severity > 0.6f && rng.Chance(0.5)) list[0] = list[0] with { Kind = OpacityKind.Consolidation, Amplitude = rng.RangeF(0.12, 0.2) };
        return list;
    }

    /// <summary>Indeterminate pattern: unilateral, central or upper, one or two foci.</summary>
    public static IReadOnlyList<OpacityRegion> Indeterminate(PhantomRandom rng, float severity)
    {
        var s = rng.Chance(0.5) ? -1 : 1;
        var list = new List<OpacityRegion> { Ggo(rng, s, rng.RangeF(0.2, 0.6), rng.RangeF(0.2, 0.6), severity) };
        if (rng.Chance(0.55)) list.Add(Ggo(rng, rng.Chance(0.7) ? s : -s, rng.RangeF(0.25, 0.7), rng.RangeF(0.3, 0.8), severity));
        return list;
    }

    /// <summary>Atypical pattern: a focal or lobar consolidation.</summary>
    public static IReadOnlyList<OpacityRegion> Atypical(PhantomRandom rng, float severity)
    {
        var s = rng.Chance(0.5) ? -1 : 1;
        var list = new List<OpacityRegion>
        {
            new(OpacityKind.Consolidation, s, rng.RangeF(0.3, 0.7), rng.RangeF(0.25, 0.75), rng.RangeF(80, 150), rng.RangeF(0.1, 0.2) * (0.6f + 0.5f * severity)),
        };
        if (rng.Chance(0.2)) list.Add(Ggo(rng, -s, rng.RangeF(0.4, 0.8), rng.RangeF(0.4, 0.8), severity * 0.6f));
        return list;
    }

    /// <summary>A ground-glass focus whose size and density follow the severity (0 subtle … 1 obvious).</summary>
    public static OpacityRegion Ggo(PhantomRandom rng, int side, float lateral, float depth, float severity) =>
        new(OpacityKind.GroundGlass, side, lateral, depth, rng.RangeF(70, 150) * (0.7f + 0.5f * severity), rng.RangeF(0.035, 0.06) + 0.08f * severity);
}
