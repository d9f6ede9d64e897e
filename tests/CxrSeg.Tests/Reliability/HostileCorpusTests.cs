using System.Security.Cryptography;
using CxrSeg.Platform;
using CxrSeg.Reliability;
using CxrSeg.Tests.Support;
using Xunit.Abstractions;

namespace CxrSeg.Tests.Reliability;

/// <summary>
/// Issue 19: the generated hostile corpus (at least 300 cases, every failure class) run case by case. Each case must
/// end as expected — a clear error naming the file or field, or acceptance for the controls — within its time limit
/// (a hang guard, not a speed check), without a crash, and without changing any input file. Surviving the run is
/// itself the check that no case makes GDCM abort the process.
/// </summary>
public sealed class HostileCorpusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(30);

    [Fact]
    public void EveryHostileCase_EndsAsExpected_AndNoInputChanges()
    {
        using var t = new TempDir();
        // CXRSEG_KEEP_CORPUS=DIR writes the corpus there and keeps it (to replay cases through the CLI by hand)
        var keep = Environment.GetEnvironmentVariable("CXRSEG_KEEP_CORPUS");
        var corpus = HostileCorpus.Generate(string.IsNullOrEmpty(keep) ? Path.Combine(t.Path, "corpus") : keep);
        Assert.True(corpus.Cases.Count >= 300, $"{corpus.Cases.Count} cases");
        foreach (var cls in new[] { "dicom-structure", "dicom-attributes", "sizes-and-nesting", "silently-wrong", "png-jpeg-damage", "special-files", "boxes-damage", "paths-outside-root", "damaged-cache", "dicom-codestream", "control" })
            Assert.Contains(corpus.Cases, c => c.Class == cls);
        var before = Hashes(corpus.Root);

        var outcomes = HostileCorpusRunner.Run(corpus, PerCase);

        var wrong = outcomes.Where(o => !o.AsExpected).ToArray();
        foreach (var g in outcomes.GroupBy(o => o.Case.Class))
            output.WriteLine($"{g.Key}: {g.Count()} cases, {g.Count(o => o.AsExpected)} as expected");
        Assert.True(wrong.Length == 0, $"{wrong.Length} of {outcomes.Count} cases went wrong:\n" + string.Join("\n", wrong.Select(o => o.ToString())));
        Assert.Equal(before, Hashes(corpus.Root));
    }

    [Fact]
    public void Limits_CanBeRaised_AndABadLimitIsNamed()
    {
        Environment.SetEnvironmentVariable("CXRSEG_MAX_LITERAL_DEPTH", "abc");
        try
        {
            var e = Assert.Throws<UserFacingException>(() => InputLimits.MaxLiteralDepth);
            Assert.Contains("CXRSEG_MAX_LITERAL_DEPTH", e.Message);
        }
        finally { Environment.SetEnvironmentVariable("CXRSEG_MAX_LITERAL_DEPTH", null); }
        var deep = new string('[', 40) + new string(']', 40);
        Assert.Throws<FormatException>(() => CxrSeg.Data.Siim.PythonLiteral.Parse(deep));
        Assert.NotNull(CxrSeg.Data.Siim.PythonLiteral.Parse(deep, maxDepth: 64));
    }

    [Fact]
    public void PatientId_IsReadFromTheHeaderAlone_WithTheSameChecks()
    {
        using var t = new TempDir();
        var big = DicomBuilder.GreyImage(700, 500).ToArray();
        File.WriteAllBytes(t.File("big.dcm"), big);
        Assert.Equal("CORPUS-PATIENT", CxrSeg.Data.Dicom.DicomDecoder.ReadPatientId(t.File("big.dcm")));
        File.WriteAllBytes(t.File("cut.dcm"), big[..(big.Length / 2)]);
        Assert.Equal("CORPUS-PATIENT", CxrSeg.Data.Dicom.DicomDecoder.ReadPatientId(t.File("cut.dcm"))); // the header is intact
        File.WriteAllBytes(t.File("cut-header.dcm"), big[..300]);
        Assert.Contains("cut-header.dcm", Assert.Throws<UserFacingException>(() => CxrSeg.Data.Dicom.DicomDecoder.ReadPatientId(t.File("cut-header.dcm"))).Message);
    }

    /// <summary>SHA-256 of every regular file under <paramref name="root"/> (special files are never opened).</summary>
    private static SortedDictionary<string, string> Hashes(string root)
    {
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            if (RegularFile.Is(f)) d[Path.GetRelativePath(root, f)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)));
        return d;
    }
}
