using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxrSeg.Training;

/// <summary>
/// A finished plan's run folder (<c>WORKSPACE/runs/&lt;run&gt;</c>, named by <c>report</c> and <c>grid status</c>): its
/// run.json names the final stage's folder relative to the workspace, where the trained weights are.
/// </summary>
public static class PlanRunFolder
{
    /// <summary>The final stage folder of a plan run folder, or null when <paramref name="runDir"/> is not one.</summary>
    public static string? FinalStage(string runDir)
    {
        var runJson = Path.Combine(runDir, RunManifest.FileName);
        if (!File.Exists(runJson)) return null;
        JsonNode? node;
        try { node = JsonNode.Parse(File.ReadAllText(runJson)); }
        catch (JsonException) { return null; }
        var rel = node?["FinalStageFolder"]?.GetValue<string>() ?? node?["finalStageFolder"]?.GetValue<string>();
        if (string.IsNullOrEmpty(rel)) return null;
        var workspace = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(runDir).TrimEnd(Path.DirectorySeparatorChar)));
        if (workspace is null) return null;
        var stage = Path.Combine(workspace, rel);
        if (!Directory.Exists(stage))
            throw new UserFacingException($"{runJson} names the final stage folder {stage}, which does not exist (was the workspace moved or cleaned?)");
        return stage;
    }
}
