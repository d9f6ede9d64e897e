using System.Text.Json;
using System.Text.Json.Nodes;
using CxrSeg.Models;

namespace CxrSeg.Training;

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
        var folds = Directory.Exists(Path.Combine(runDir, "fold_1")) ? " (a k-fold run: name one fold's folder, e.g. fold_1)" : "";
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
        var spec = CheckpointStore.ReadSpec(checkpoint);
        var manifestPath = FindManifest(checkpoint);
        JsonNode? run = null;
        if (manifestPath is not null)
        {
            try { run = JsonNode.Parse(File.ReadAllText(manifestPath)); }
            catch (JsonException e) { throw new UserFacingException($"{manifestPath} is not valid JSON: {e.Message}", e); }
        }
        var classes = run?["classNames"]?.AsArray().Select(n => n?.GetValue<string>() ?? "").ToList()
            ?? Enumerable.Range(0, spec.Classes).Select(i => $"class {i}").ToList();
        if (spec.Architecture == "autoencoder") classes = ["image"];
        if (classes.Count != spec.Classes)
            throw new UserFacingException($"{manifestPath}: classNames lists {classes.Count} names but the network has {spec.Classes} outputs");
        var size = run?["inputSize"]?.GetValue<int>() ?? throw new UserFacingException($"{runDir}: run.json with inputSize not found");
        var norm = NormalisationOf(run);
        var task = run?["task"]?.GetValue<string>() ?? spec.Architecture switch { "classifier" => "classify", "autoencoder" => "reconstruct", _ => "segment" };
        var threshold = run?["options"]?["threshold"]?.GetValue<double>() ?? 0.5;
        var net = ModelFactory.Create(spec);
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
        return new LoadedRun(net, spec, classes, size, norm, task, threshold, checkpoint);
    }

    /// <summary>The normalisation a run folder (or one of its checkpoint folders) trained with, from its run.json; the defaults when it records none.</summary>
    public static Normalisation ReadNormalisation(string runDir)
    {
        var manifestPath = FindManifest(CheckpointFor(runDir));
        if (manifestPath is null) return new Normalisation();
        try { return NormalisationOf(JsonNode.Parse(File.ReadAllText(manifestPath))); }
        catch (JsonException e) { throw new UserFacingException($"{manifestPath} is not valid JSON: {e.Message}", e); }
    }

    private static Normalisation NormalisationOf(JsonNode? run)
    {
        var defaults = new Normalisation();
        return new Normalisation(run?["normalisation"]?["mean"]?.GetValue<double>() ?? defaults.Mean, run?["normalisation"]?["std"]?.GetValue<double>() ?? defaults.Std);
    }

    private static bool IsCheckpoint(string dir) =>
        File.Exists(Path.Combine(dir, CheckpointStore.ModelFile)) && File.Exists(Path.Combine(dir, CheckpointStore.SpecFile));

    private static string? FindManifest(string checkpoint)
    {
        // The checkpoint folder, its run folder, and a k-fold run's folder above fold_k/.
        var d = new DirectoryInfo(checkpoint);
        for (var level = 0; level < 3 && d is not null; level++, d = d.Parent)
        {
            var p = Path.Combine(d.FullName, RunManifest.FileName);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
