using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Prepare;
using CxrSeg.Platform;
using CxrSeg.Predict;
using CxrSeg.Tests.Data.Ccxs;
using CxrSeg.Tests.Data.Images;
using CxrSeg.Tests.Predict;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Reliability;

/// <summary>Issue 19, outputs: folder locks naming their holder, no output over an input (links followed), no image folder named like a job output.</summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public void ASecondJobOnALockedFolder_IsRefused_NamingTheHolder_AndTheLockIsReleased()
    {
        using var t = new TempDir();
        var outDir = t.File("out");
        using (OutputLock.Acquire(outDir, "cxrseg predict with run-A"))
        {
            var e = Assert.Throws<UserFacingException>(() => OutputLock.Acquire(outDir, "cxrseg predict with run-B"));
            Assert.Contains("cxrseg predict with run-A", e.Message);
            Assert.Contains($"pid {Environment.ProcessId}", e.Message);

            ImageFixtures.Grey(t.File("a.png"), 20, 16, (x, y) => (byte)(x * 9));
            using var model = PredictFixtures.Brightness();
            var busy = Assert.Throws<UserFacingException>(() => PredictJob.Run(model, InputScanner.Scan([t.File("a.png")], outDir), outDir, new PredictOptions()));
            Assert.Contains("in use", busy.Message);
            Assert.False(File.Exists(Path.Combine(outDir, PredictionWriter.SummaryFile)));
        }
        Assert.False(File.Exists(Path.Combine(outDir, OutputLock.FileName)));
        using (OutputLock.Acquire(outDir, "again")) { }
        File.WriteAllText(t.File("file"), "x");
        Assert.Contains("is a file", Assert.Throws<UserFacingException>(() => OutputLock.Acquire(t.File("file"), "job")).Message);
    }

    [Fact]
    public void PrepareOnALockedFolder_IsRefused_AndLeavesNoTemporaries()
    {
        using var t = new TempDir();
        var src = t.File("ccxs");
        CcxsFixture.Write(src, 4);
        var o = new PrepareOptions { Dataset = "ccxs", Source = src, Workspace = t.File("ws"), Size = 16, Workers = 1 };
        var dir = PrepareJob.OutputDirectory(o);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ".images.u8.12345.deadbeef.tmp"), "left by a killed run");
        using (OutputLock.Acquire(dir, "cxrseg prepare ccxs (other)"))
            Assert.Contains("cxrseg prepare ccxs (other)", Assert.Throws<UserFacingException>(() => PrepareJob.Run(o)).Message);
        var r = PrepareJob.Run(o);
        Assert.Equal(4, r.Images);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(dir, OutputLock.FileName)));
    }

    [Fact]
    public void OutEqualToOrHoldingAnInputFolder_IsRefused_LinksFollowed()
    {
        using var t = new TempDir();
        var input = Directory.CreateDirectory(t.File("in")).FullName;
        ImageFixtures.Grey(Path.Combine(input, "a.png"), 8, 8, (x, y) => 1);
        Directory.CreateSymbolicLink(t.File("in-link"), input);
        foreach (var outDir in new[] { input, t.File("in-link"), t.Path })
            Assert.Contains("--out", Assert.Throws<UserFacingException>(() => InputScanner.Scan([input], outDir)).Message);
        Assert.Single(InputScanner.Scan([input], Path.Combine(input, "predictions")));
    }

    [Fact]
    public void AFolderLinkLoop_IsWalkedOnce()
    {
        using var t = new TempDir();
        var input = Directory.CreateDirectory(t.File("in")).FullName;
        ImageFixtures.Grey(Path.Combine(input, "a.png"), 8, 8, (x, y) => 1);
        Directory.CreateSymbolicLink(Path.Combine(input, "loop"), input);
        var images = SpecialFiles.WithinMinutes(() => InputScanner.Scan([input]), 0.5);
        Assert.Single(images);
    }

    [Fact]
    public void AnImageNamedLikeTheSummary_GetsAnotherFolderName()
    {
        using var t = new TempDir();
        ImageFixtures.Grey(t.File("summary.csv.png"), 8, 8, (x, y) => 1);
        var image = Assert.Single(InputScanner.Scan([t.Path]));
        Assert.NotEqual(PredictionWriter.SummaryFile, image.OutputName, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void ConvertThroughALinkedFolder_RefusesToOverwriteItsInput()
    {
        using var t = new TempDir();
        var dir = Directory.CreateDirectory(t.File("d")).FullName;
        var png = Path.Combine(dir, "x.png");
        ImageFixtures.Grey(png, 8, 8, (x, y) => 7);
        var before = File.ReadAllBytes(png);
        Directory.CreateSymbolicLink(t.File("link"), dir);
        var e = Assert.Throws<UserFacingException>(() => ImageInspector.ConvertToPng(png, Path.Combine(t.File("link"), "x.png"), raw: false));
        Assert.Contains("input file itself", e.Message);
        Assert.Equal(before, File.ReadAllBytes(png));
        Directory.CreateDirectory(t.File("out.png"));
        Assert.Contains("is a folder", Assert.Throws<UserFacingException>(() => ImageInspector.ConvertToPng(png, t.File("out.png"), raw: false)).Message);
    }

    [Fact]
    public void Pseudonyms_AreKeyedPerWorkspace_AndTheKeyStaysOutOfTheCache()
    {
        using var t = new TempDir();
        var a = PseudonymKey.ForWorkspace(t.File("ws1"));
        var again = PseudonymKey.ForWorkspace(t.File("ws1"));
        var b = PseudonymKey.ForWorkspace(t.File("ws2"));
        Assert.Equal(a.Pseudonym("PAT-1"), again.Pseudonym("PAT-1"));
        Assert.NotEqual(a.Pseudonym("PAT-1"), a.Pseudonym("PAT-2"));
        Assert.NotEqual(a.Pseudonym("PAT-1"), b.Pseudonym("PAT-1"));
        var unsalted = "p-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("PAT-1"u8))[..16];
        Assert.NotEqual(unsalted, a.Pseudonym("PAT-1"));
        Assert.Matches("^p-[0-9a-f]{16}$", a.Pseudonym("PAT-1"));
        var keyFile = PseudonymKey.PathFor(t.File("ws1"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        File.WriteAllText(keyFile, "not hex");
        Assert.Contains("damaged", Assert.Throws<UserFacingException>(() => PseudonymKey.ForWorkspace(t.File("ws1"))).Message);
    }

    [Fact]
    public void Convert_NeverOverwritesAnExistingOutputWithoutForce()
    {
        using var t = new TempDir();
        var png = t.File("in.png");
        CxrSeg.Data.Images.PngWriter.WriteGrey8(png, new CxrSeg.Data.Images.GreyImage(8, 8, new byte[64]));
        var existing = t.File("out.png");
        File.WriteAllText(existing, "a user's file");
        var e = Assert.Throws<UserFacingException>(() => ImageInspector.ConvertToPng(png, existing, raw: false));
        Assert.Contains("--force", e.Message);
        Assert.Equal("a user's file", File.ReadAllText(existing));
        ImageInspector.ConvertToPng(png, existing, raw: false, overwrite: true);
        Assert.NotEqual("a user's file", File.ReadAllText(existing));
    }
}
