using CxrSeg.Runs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Runs;

public sealed class ThresholdsFileTests
{
    private static ClassThresholds Two(double a = 0.3, double b = 0.7) =>
        new("validation", 4, [0.1, 0.5, 0.9], [new ClassThreshold("a", a, 0.8), new ClassThreshold("b", b, null)]);

    [Fact]
    public void Thresholds_round_trip_and_a_run_without_them_reads_null()
    {
        using var tmp = new TempDir();
        Assert.Null(ThresholdsFile.Read(tmp.Path, ["a", "b"]));
        ThresholdsFile.Write(tmp.Path, Two());
        var back = ThresholdsFile.Read(tmp.Path, ["a", "b"])!;
        Assert.Equal([0.3, 0.7], back.Values);
        Assert.Equal(("validation", 4, 0.8, (double?)null), (back.Split, back.Images, back.Classes[0].ValidationIou, back.Classes[1].ValidationIou));
    }

    [Fact]
    public void Other_classes_or_a_threshold_outside_the_open_interval_are_named()
    {
        using var tmp = new TempDir();
        ThresholdsFile.Write(tmp.Path, Two());
        Assert.Contains("field 'classes'", Assert.Throws<UserFacingException>(() => ThresholdsFile.Read(tmp.Path, ["a", "c"])).Message);
        ThresholdsFile.Write(tmp.Path, Two(b: 1.0));
        Assert.Contains("'b'", Assert.Throws<UserFacingException>(() => ThresholdsFile.Read(tmp.Path, ["a", "b"])).Message);
        File.WriteAllText(Path.Combine(tmp.Path, RunFiles.Thresholds), "{");
        Assert.Contains(RunFiles.Thresholds, Assert.Throws<UserFacingException>(() => ThresholdsFile.Read(tmp.Path, ["a", "b"])).Message);
    }
}
