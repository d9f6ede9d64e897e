using CxrSeg.Platform;

namespace CxrSeg.Tests.Platform;

public sealed class CheckedCpuTests
{
    [Fact]
    public void Parse_ReadsVendorAndFamily_OfTheFirstProcessor()
    {
        var cpu = CheckedCpu.Parse(["processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model\t\t: 2", "processor\t: 1", "cpu family\t: 25"]);
        Assert.Equal(new CheckedCpu.Identity("AuthenticAMD", 26), cpu);
        Assert.Null(CheckedCpu.Parse(["processor\t: 0", "model name\t: something"]));
    }

    [Fact]
    public void OnlyTheCheckedFamily_IsUncapped()
    {
        Assert.NotNull(CheckedCpu.IsChecked(new CheckedCpu.Identity("AuthenticAMD", 26)));
        Assert.Null(CheckedCpu.IsChecked(new CheckedCpu.Identity("AuthenticAMD", 25)));
        Assert.Null(CheckedCpu.IsChecked(new CheckedCpu.Identity("GenuineIntel", 6)));
        Assert.Null(CheckedCpu.IsChecked(null));
    }
}
