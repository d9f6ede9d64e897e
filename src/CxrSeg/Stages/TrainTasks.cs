using CxrSeg.Data.Transforms;

namespace CxrSeg.Stages;

/// <summary>Facts of a <see cref="TrainTask"/>: its name as files and the command line write it, and what its batches hold.</summary>
public static class TrainTasks
{
    /// <summary>The lower-case name: classify, reconstruct or segment.</summary>
    public static string Name(this TrainTask task) => task.ToString().ToLowerInvariant();

    /// <summary>The batch target the task trains on: masks (segment), labels (classify) or the image (reconstruct).</summary>
    public static BatchTarget Target(this TrainTask task) => task switch
    {
        TrainTask.Segment => BatchTarget.Masks,
        TrainTask.Classify => BatchTarget.Labels,
        _ => BatchTarget.Image,
    };
}
