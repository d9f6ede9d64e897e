using System.Text.Json;
using CxrSeg.Models;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Runs;

/// <summary>
/// Checkpoint folders (checkpoint_best, checkpoint_last): model.dat (TorchSharp state dict), optimizer.dat,
/// state.json and spec.json. A folder is written whole under a temporary name, then swapped in by renames;
/// a kill between the renames is repaired on the next open, so a reader always finds a complete checkpoint.
/// </summary>
public static class CheckpointStore
{
    /// <summary>Folder name of the latest checkpoint.</summary>
    public const string Last = "checkpoint_last";
    /// <summary>Folder name of the best checkpoint.</summary>
    public const string Best = "checkpoint_best";
    /// <summary>Weights file inside a checkpoint folder.</summary>
    public const string ModelFile = "model.dat";
    /// <summary>Optimiser state file inside a checkpoint folder.</summary>
    public const string OptimizerFile = "optimizer.dat";
    /// <summary>Training state file inside a checkpoint folder.</summary>
    public const string StateFile = "state.json";
    /// <summary>Model spec file inside a checkpoint folder.</summary>
    public const string SpecFile = "spec.json";

    /// <summary>Writes a complete checkpoint folder atomically.</summary>
    public static void Save(string runDir, string name, nn.Module model, OptimizerHelper? optimizer, TrainingState state, ModelSpec spec)
    {
        var final = Path.Combine(runDir, name);
        var tmp = Path.Combine(runDir, $".{name}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(tmp);
        try
        {
            model.save(Path.Combine(tmp, ModelFile));
            optimizer?.save_state_dict(Path.Combine(tmp, OptimizerFile));
            File.WriteAllText(Path.Combine(tmp, StateFile), JsonSerializer.Serialize(state, RunJson.Options));
            File.WriteAllText(Path.Combine(tmp, SpecFile), JsonSerializer.Serialize(spec, RunJson.Options));
            FlushFolder(tmp);
            var old = Path.Combine(runDir, $".{name}.old");
            if (Directory.Exists(old)) Directory.Delete(old, true);
            if (Directory.Exists(final)) Directory.Move(final, old);
            Directory.Move(tmp, final);
            if (Directory.Exists(old)) Directory.Delete(old, true);
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        }
    }

    /// <summary>Whether a complete checkpoint exists (repairing an interrupted swap first); stray temporary folders are removed.</summary>
    public static bool Exists(string runDir, string name)
    {
        if (!Directory.Exists(runDir)) return false;
        var final = Path.Combine(runDir, name);
        var old = Path.Combine(runDir, $".{name}.old");
        if (!Directory.Exists(final) && Directory.Exists(old)) Directory.Move(old, final);
        foreach (var t in Directory.GetDirectories(runDir, $".{name}.tmp-*")) Directory.Delete(t, true);
        return File.Exists(Path.Combine(final, StateFile)) && File.Exists(Path.Combine(final, ModelFile));
    }

    /// <summary>Loads weights (and optimiser state when given) and returns the training state.</summary>
    public static TrainingState Load(string runDir, string name, nn.Module model, OptimizerHelper? optimizer)
    {
        var dir = Path.Combine(runDir, name);
        try
        {
            LoadWeights(dir, model);
            var opt = Path.Combine(dir, OptimizerFile);
            if (optimizer is not null && File.Exists(opt)) optimizer.load_state_dict(opt);
            return ReadState(dir);
        }
        catch (Exception e) when (e is IOException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new UserFacingException($"cannot read checkpoint {dir}: {e.Message}", e);
        }
    }

    /// <summary>Loads the weights of a checkpoint folder into a model of the same architecture.</summary>
    public static void LoadWeights(string checkpointDir, nn.Module model) =>
        model.load(Path.Combine(checkpointDir, ModelFile));

    /// <summary>Reads state.json of a checkpoint folder.</summary>
    public static TrainingState ReadState(string checkpointDir) =>
        JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(Path.Combine(checkpointDir, StateFile)), RunJson.Options)
        ?? throw new UserFacingException($"empty {StateFile} in {checkpointDir}");

    /// <summary>Reads spec.json of a checkpoint folder.</summary>
    public static ModelSpec ReadSpec(string checkpointDir) =>
        JsonSerializer.Deserialize<ModelSpec>(File.ReadAllText(Path.Combine(checkpointDir, SpecFile)), RunJson.Options)
        ?? throw new UserFacingException($"empty {SpecFile} in {checkpointDir}");

    private static void FlushFolder(string dir)
    {
        foreach (var f in Directory.GetFiles(dir))
        {
            using var fs = new FileStream(f, FileMode.Open, FileAccess.ReadWrite);
            fs.Flush(true);
        }
    }
}
