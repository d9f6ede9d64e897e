using CxrSeg.Platform;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Platform;

public sealed class ElfVersionPatcherTests
{
    private static string OutputLib()
    {
        var p = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        if (!File.Exists(p)) p = Path.Combine(AppContext.BaseDirectory, "runtimes/linux-x64/native/libLibTorchSharp.so");
        Assert.True(File.Exists(p), "the test output holds libLibTorchSharp.so");
        return p;
    }

    [Fact]
    public void A_copy_that_needs_the_fix_is_patched_once_and_only_the_flag_changes()
    {
        using var tmp = new TempDir();
        var copy = tmp.File("libLibTorchSharp.so");
        File.Copy(OutputLib(), copy);
        ElfVersionPatcher.WriteFlags(copy, TorchRuntime.RequiredVersion, 0); // as shipped: strict
        var before = File.ReadAllBytes(copy);

        Assert.Equal(ElfPatchOutcome.Patched, TorchRuntime.PatchFile(copy, hostHasVersion: false));
        Assert.Equal((ushort)2, ElfVersionPatcher.ReadFlags(copy, TorchRuntime.RequiredVersion));
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(1, before.Zip(after).Count(p => p.First != p.Second)); // one byte of the flags word

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, TorchRuntime.PatchFile(copy, hostHasVersion: false));
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_host_that_has_the_version_leaves_the_copy_untouched()
    {
        using var tmp = new TempDir();
        var copy = tmp.File("libLibTorchSharp.so");
        File.Copy(OutputLib(), copy);
        ElfVersionPatcher.WriteFlags(copy, TorchRuntime.RequiredVersion, 0);
        var before = File.ReadAllBytes(copy);
        Assert.Null(TorchRuntime.PatchFile(copy, hostHasVersion: true));
        Assert.Equal(before, File.ReadAllBytes(copy));
        Assert.Equal((ushort)0, ElfVersionPatcher.ReadFlags(copy, TorchRuntime.RequiredVersion));
    }

    [SkippableFact]
    public void A_library_without_the_requirement_is_reported_not_required()
    {
        var libc = new[] { "/usr/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libm.so.6" }.FirstOrDefault(File.Exists);
        Skip.If(libc is null, "no libm.so.6 on this host");
        using var tmp = new TempDir();
        var copy = tmp.File("libm.so.6");
        File.Copy(libc!, copy);
        Assert.Equal(ElfPatchOutcome.NotRequired, ElfVersionPatcher.MakeVersionWeak(copy, TorchRuntime.RequiredVersion));
    }

    [Fact]
    public void A_file_that_is_not_elf_gets_a_clear_error()
    {
        using var tmp = new TempDir();
        var f = tmp.File("x.so");
        File.WriteAllText(f, "not an elf file at all, just some text that is long enough to have a header size.....");
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MakeVersionWeak(f, "GLIBCXX_3.4.32"));
        Assert.Contains("not an ELF", e.Message);
    }

    [SkippableFact]
    public void Host_check_reads_the_version_strings_of_libstdcxx()
    {
        var lib = HostLibStdCxx.Locate();
        Skip.If(lib is null, "no libstdc++ found");
        Assert.True(HostLibStdCxx.Defines(lib!, "GLIBCXX_3.4"));
        Assert.False(HostLibStdCxx.Defines(lib!, "GLIBCXX_9.9.99"));
    }
}
