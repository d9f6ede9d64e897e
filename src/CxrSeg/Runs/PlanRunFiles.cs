using System.Text.Json;
using CxrSeg.Platform;

namespace CxrSeg.Runs;

/// <summary>
/// Reads and writes the files of a workspace's plans: a plan run's <see cref="PlanRunRecord"/> (run.json), a finished
/// stage's <see cref="StageInfo"/> (stage.json) and a failed run's <see cref="FailureRecord"/>. Property names are
/// written as declared (PascalCase) and read case-insensitively.
/// </summary>
public static class PlanRunFiles
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNameCaseInsensitive = true };

    /// <summary>Writes a plan run's run.json (inside a folder that is published by a rename).</summary>
    public static void WriteRun(string path, PlanRunRecord record) => File.WriteAllText(path, JsonSerializer.Serialize(record, Json));

    /// <summary>Reads a plan run's run.json; errors name the file.</summary>
    public static PlanRunRecord? ReadRun(string path)
    {
        try { return JsonSerializer.Deserialize<PlanRunRecord>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new UserFacingException($"{path}: not a valid run file: {e.Message}", e); }
    }

    /// <summary>Reads a plan run's run.json, or null when it is not one (e.g. a training run's run.json, or damaged).</summary>
    public static PlanRunRecord? TryReadRun(string path)
    {
        try { return JsonSerializer.Deserialize<PlanRunRecord>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes a finished stage's stage.json atomically.</summary>
    public static void WriteStage(string path, StageInfo info) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(info, Json));

    /// <summary>Writes a failed run's record atomically.</summary>
    public static void WriteFailure(string path, FailureRecord record) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(record, Json));
}
