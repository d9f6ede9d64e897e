using System.Diagnostics;
using System.Text.Json;
using CxrSeg.Platform;

namespace CxrSeg.Phantoms;

/// <summary>
/// <c>cxrseg synth</c>: writes the three synthetic datasets under <see cref="SynthOptions.OutputDir"/>
/// (<c>chexpert/</c>, <c>siim/</c>, <c>ccxs/</c>), each in its real layout, in parallel and reproducibly.
/// </summary>
public static class PhantomSynthesizer
{
    /// <summary>Marker file that identifies a folder this generator owns (and may rewrite).</summary>
    public const string MarkerFile = ".cxrseg-synth.json";

    /// <summary>Generates every requested dataset and the optional preview sheet.</summary>
    public static SynthResult Run(SynthOptions options, SynthProgress? progress)
    {
        options.Validate();
        var outDir = Path.GetFullPath(options.OutputDir);
        ClaimFolder(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, MarkerFile), JsonSerializer.Serialize(new
        {
            generator = "cxrseg synth", options.Seed, chexpert = options.CheXpertCount, siim = options.SiimCount, ccxs = options.CcxsCount, options.Size,
        }));
        var threads = options.EffectiveThreads;
        var preview = options.PreviewPath is null ? null : new List<(PhantomImage, string)>();
        var results = new List<SynthDatasetResult>();
        var total = Stopwatch.StartNew();
        void Run(string name, string sub, int count, Func<string, int> write)
        {
            if (count == 0) return;
            var sw = Stopwatch.StartNew();
            var folder = Path.Combine(outDir, sub);
            var n = write(folder);
            results.Add(new SynthDatasetResult(name, folder, n, sw.Elapsed.TotalSeconds));
        }
        var pc = preview is null ? null : new List<(PhantomImage, string)>();
        var ps = preview is null ? null : new List<(PhantomImage, string)>();
        var px = preview is null ? null : new List<(PhantomImage, string)>();
        Run("CheXpert-like", "chexpert", options.CheXpertCount, f => CheXpertPhantomWriter.Write(f, options.CheXpertCount, options.Seed, options.Size, threads, progress, pc));
        Run("SIIM-like", "siim", options.SiimCount, f => SiimPhantomWriter.Write(f, options.SiimCount, options.Seed, options.Size, threads, progress, ps));
        Run("CCXS-like", "ccxs", options.CcxsCount, f => CcxsPhantomWriter.Write(f, options.CcxsCount, options.Seed, options.Size, threads, progress, px));
        if (preview is not null)
        {
            foreach (var l in new[] { pc, ps, px }) preview.AddRange(l!.Take(6));
            PreviewSheet.Write(options.PreviewPath!, preview, overlays: options.PreviewOverlays);
        }
        return new SynthResult(results, total.Elapsed.TotalSeconds, threads);
    }

    private static void ClaimFolder(string outDir)
    {
        if (File.Exists(outDir)) throw new UserFacingException($"synth: --out {outDir} is a file, not a folder");
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any() && !File.Exists(Path.Combine(outDir, MarkerFile)))
            throw new UserFacingException($"synth: {outDir} is not empty and was not written by cxrseg synth; choose an empty or new folder (nothing was overwritten)");
        foreach (var sub in new[] { "chexpert", "siim", "ccxs" })
        {
            var d = Path.Combine(outDir, sub);
            if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }
        Directory.CreateDirectory(outDir);
    }
}
