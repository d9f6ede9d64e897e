using System.Text.Json;
using CxrSeg.Platform;

namespace CxrSeg.Runs;

/// <summary>Reads and writes a run's <see cref="ClassThresholds"/> (<see cref="RunFiles.Thresholds"/>).</summary>
public static class ThresholdsFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the file into the run folder atomically.</summary>
    public static void Write(string runDir, ClassThresholds thresholds) =>
        AtomicFile.WriteAllText(Path.Combine(runDir, RunFiles.Thresholds), JsonSerializer.Serialize(thresholds, Json));

    /// <summary>
    /// The thresholds stored in <paramref name="runDir"/>, or null when it has none. Checked against the run's class names:
    /// a damaged file, other classes or a threshold outside (0, 1) is an error naming the file and the field.
    /// </summary>
    public static ClassThresholds? Read(string runDir, IReadOnlyList<string> classNames)
    {
        var path = Path.Combine(runDir, RunFiles.Thresholds);
        if (!File.Exists(path)) return null;
        ClassThresholds? t;
        try { t = JsonSerializer.Deserialize<ClassThresholds>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new UserFacingException($"run folder {runDir} is damaged: {path} is not valid: {e.Message}", e); }
        if (t?.Classes is null) throw new UserFacingException($"run folder {runDir} is damaged: {path}: field 'classes' is missing");
        if (!t.Classes.Select(c => c.Name).SequenceEqual(classNames, StringComparer.OrdinalIgnoreCase))
            throw new UserFacingException($"run folder {runDir} is damaged: {path}: field 'classes' names {string.Join(", ", t.Classes.Select(c => c.Name))}, the model has {string.Join(", ", classNames)}");
        foreach (var c in t.Classes)
            if (!(c.Threshold > 0 && c.Threshold < 1))
                throw new UserFacingException($"run folder {runDir} is damaged: {path}: field 'threshold' of '{c.Name}' = {c.Threshold} is outside (0, 1)");
        return t;
    }
}
