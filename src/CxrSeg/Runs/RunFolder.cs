using System.Text.Json;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Runs;

/// <summary>
/// Reads a run folder written by <see cref="Trainer"/> (<c>cxrseg train</c>, or a stage folder of <c>cxrseg run</c>):
/// the folder alone rebuilds the trained network for prediction or export.
/// </summary>
public static class RunFolder
{
    /// <summary>
    /// The checkpoint folder to take weights from: <c>RUN_DIR/checkpoint_best</c>, else <c>checkpoint_last</c>; a checkpoint
    /// folder itself is accepted too. Throws a <see cref="UserFacingException"/> naming the folder expected.
    /// </summary>
    public static string CheckpointFor(string runDir)
    {
        if (!Directory.Exists(runDir)) throw new UserFacingException($"run folder not found: {runDir}");
        if (IsCheckpoint(runDir)) return Path.GetFullPath(runDir);
        foreach (var name in new[] { CheckpointStore.Best, CheckpointStore.Last })
        {
            CheckpointStore.Exists(runDir, name);
            var dir = Path.Combine(runDir, name);
            if (IsCheckpoint(dir)) return Path.GetFullPath(dir);
        }
        if (PlanRunFolder.FinalStage(runDir) is { } stage) return CheckpointFor(stage);
        var folds = Directory.Exists(Path.Combine(runDir, RunFiles.FoldFolder(1))) ? " (a k-fold run: name one fold's folder, e.g. fold_1)" : "";
        throw new UserFacingException($"{runDir} holds no trained weights: expected {Path.Combine(runDir, CheckpointStore.Best, CheckpointStore.ModelFile)}{folds}");
    }

    /// <summary>
    /// Rebuilds the network of a run folder (a grid/plan run folder <c>WORKSPACE/runs/&lt;run&gt;</c> gives its final
    /// stage; an exported <c>.pth</c>/<c>.safetensors</c> with its sidecar is accepted too) with its best weights (last when no best was written) and returns it with
    /// its spec, class names, input size, normalisation, task and threshold (from run.json). The network is in
    /// evaluation mode on the CPU; the caller disposes it.
    /// </summary>
    public static LoadedRun LoadModel(string runDir)
    {
        if (ExportedModelFile.IsWeightsFile(runDir)) return ExportedModelFile.Load(runDir);
        var checkpoint = CheckpointFor(runDir);
        var specPath = Path.Combine(checkpoint, CheckpointStore.SpecFile);
        var spec = Field(specPath, "the whole file", () => CheckpointStore.ReadSpec(checkpoint));
        var manifestPath = FindManifest(checkpoint);
        var run = manifestPath is null ? new RunManifest() : RunManifestFile.Read(manifestPath, runDir);
        var where = manifestPath ?? runDir;
        var classes = run.ClassNames?.ToList() ?? Enumerable.Range(0, spec.Classes).Select(i => $"class {i}").ToList();
        if (ArchitectureRegistry.Find(spec.Architecture)?.Task == TrainTask.Reconstruct) classes = ["image"];
        if (classes.Count != spec.Classes)
            throw new UserFacingException($"run folder {runDir} is damaged: {where}: field 'classNames' lists {classes.Count} names but the network has {spec.Classes} outputs");
        var dup = classes.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new UserFacingException($"run folder {runDir} is damaged: {where}: field 'classNames' lists '{dup.Key}' {dup.Count()} times (mask files would overwrite each other)");
        var size = run.InputSize ?? throw new UserFacingException($"{runDir}: run.json with inputSize not found");
        if (size < 8 || size > 8192) throw new UserFacingException($"run folder {runDir} is damaged: {where}: field 'inputSize' = {size} is outside 8..8192");
        var norm = run.EffectiveNormalisation;
        var task = run.EffectiveTask(spec);
        var threshold = run.Threshold;
        if (!double.IsFinite(threshold) || threshold <= 0 || threshold >= 1)
            throw new UserFacingException($"run folder {runDir} is damaged: {where}: field 'options.threshold' = {threshold} is outside (0, 1)");
        var net = Field(specPath, "the model spec", () => ModelFactory.Create(spec));
        try
        {
            CheckpointStore.LoadWeights(checkpoint, net);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            net.Dispose();
            throw new UserFacingException($"cannot load {Path.Combine(checkpoint, CheckpointStore.ModelFile)}: {e.Message}", e);
        }
        net.eval();
        ClassThresholds? tuned;
        try { tuned = FindThresholds(checkpoint) is { } tunedDir ? ThresholdsFile.Read(tunedDir, classes) : null; }
        catch
        {
            net.Dispose();
            throw;
        }
        return new LoadedRun(net, spec, classes, size, norm, task, threshold, checkpoint) { Thresholds = tuned };
    }

    /// <summary>The normalisation a run folder (or one of its checkpoint folders) trained with, from its run.json; the defaults when it records none.</summary>
    public static Normalisation ReadNormalisation(string runDir)
    {
        var manifestPath = FindManifest(CheckpointFor(runDir));
        return manifestPath is null ? new Normalisation() : RunManifestFile.Read(manifestPath, runDir).EffectiveNormalisation;
    }

    /// <summary>Reads one field, turning a wrong JSON type or a bogus value into "run folder ... is damaged: FILE: field 'F'".</summary>
    private static T Field<T>(string file, string field, Func<T> read)
    {
        try { return read(); }
        catch (UserFacingException e) { throw new UserFacingException($"run folder is damaged: {file}: {e.Message}", e); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException or KeyNotFoundException or NotSupportedException or IndexOutOfRangeException)
        {
            throw new UserFacingException($"run folder is damaged: {file}: field '{field}' is not what it should be ({e.Message})", e);
        }
    }

    private static bool IsCheckpoint(string dir) =>
        File.Exists(Path.Combine(dir, CheckpointStore.ModelFile)) && File.Exists(Path.Combine(dir, CheckpointStore.SpecFile));

    /// <summary>The folder holding the run's <see cref="RunFiles.Thresholds"/>: the checkpoint folder or one of the two above it (a k-fold run's folder), or null.</summary>
    private static string? FindThresholds(string checkpoint)
    {
        var d = new DirectoryInfo(checkpoint);
        for (var level = 0; level < 3 && d is not null; level++, d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, RunFiles.Thresholds))) return d.FullName;
        return null;
    }

    private static string? FindManifest(string checkpoint)
    {
        // The checkpoint folder, its run folder, and a k-fold run's folder above fold_k/.
        var d = new DirectoryInfo(checkpoint);
        for (var level = 0; level < 3 && d is not null; level++, d = d.Parent)
        {
            var p = Path.Combine(d.FullName, RunFiles.Manifest);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
