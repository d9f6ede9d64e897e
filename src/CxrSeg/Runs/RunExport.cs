using CxrSeg.Models.Weights;
using CxrSeg.Platform;

namespace CxrSeg.Runs;

/// <summary>
/// Exports a run folder's trained network (best checkpoint) with segmentation_models_pytorch's key names through
/// <see cref="SmpExport"/>, as a PyTorch <c>.pth</c> or a <c>.safetensors</c> file, plus <c>FILE.json</c> describing how
/// to rebuild it (smp class and arguments, class names, input size, normalisation).
/// </summary>
public static class RunExport
{
    /// <summary>The formats: "pth" and "safetensors".</summary>
    public static IReadOnlyList<string> Formats { get; } = ["pth", "safetensors"];

    /// <summary>
    /// Writes the weights to <paramref name="outPath"/> (its extension must match <paramref name="format"/>; one is added
    /// when it has none). An existing file is refused unless <paramref name="overwrite"/>.
    /// </summary>
    public static RunExportResult Export(string runDir, string format, string outPath, bool overwrite = false, SmpVersion? smpVersion = null)
    {
        var version = smpVersion ?? SmpVersion.Current;
        format = format.Trim().ToLowerInvariant().TrimStart('.');
        if (!Formats.Contains(format)) throw new UserFacingException($"--format: unknown value '{format}' (valid: {string.Join(", ", Formats)})");
        var ext = Path.GetExtension(outPath).TrimStart('.').ToLowerInvariant();
        if (ext.Length == 0) outPath += "." + format;
        else if (ext != format) throw new UserFacingException($"--out {outPath}: the extension .{ext} does not match --format {format}");
        var sidecar = outPath + ".json";
        foreach (var p in new[] { outPath, sidecar })
            if (File.Exists(p) && !overwrite) throw new UserFacingException($"{p} exists; pass --force to replace it");
        var run = RunFolder.LoadModel(runDir);
        using var net = run.Network;
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tensors = net.state_dict().Count;
        SmpExport.Export(net, outPath, version);
        ExportSidecar.Write(sidecar, ExportSidecar.Describe(run, Path.GetFileName(outPath), version, tensors));
        return new RunExportResult(Path.GetFullPath(outPath), Path.GetFullPath(sidecar), run.Spec, tensors, run.CheckpointDir);
    }
}
