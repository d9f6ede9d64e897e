
namespace CxrSeg.Runs;

/// <summary>
/// A finished plan's run folder (<c>WORKSPACE/runs/&lt;run&gt;</c>, named by <c>report</c> and <c>grid status</c>): its
/// <see cref="PlanRunRecord"/> names the final stage's folder relative to the workspace, where the trained weights are.
/// </summary>
public static class PlanRunFolder
{
    /// <summary>The final stage folder of a plan run folder, or null when <paramref name="runDir"/> is not one.</summary>
    public static string? FinalStage(string runDir)
    {
        var runJson = Path.Combine(runDir, RunFiles.Manifest);
        if (!File.Exists(runJson)) return null;
        var rel = PlanRunFiles.TryReadRun(runJson)?.FinalStageFolder;
        if (string.IsNullOrEmpty(rel)) return null;
        var workspace = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(runDir).TrimEnd(Path.DirectorySeparatorChar)));
        if (workspace is null) return null;
        var stage = Path.Combine(workspace, rel);
        if (!Directory.Exists(stage))
            throw new UserFacingException($"{runJson} names the final stage folder {stage}, which does not exist (was the workspace moved or cleaned?)");
        return stage;
    }
}
