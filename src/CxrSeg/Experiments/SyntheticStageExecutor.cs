using System.Security.Cryptography;
using System.Text;
using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>
/// A dry-run executor that trains nothing: it writes a marker per call and, for a final stage, a metrics.json with
/// deterministic pseudo-random scores derived from the stage id. It exercises ids, locks, sharding and reports
/// without a training engine. Stage options: <c>synthetic.delayMs</c> (sleep per stage), <c>synthetic.fail</c>
/// (true: throw, to test failure records). Each call leaves <c>calls/&lt;stage-id&gt;.&lt;guid&gt;</c> under <see cref="CallsDir"/>.
/// </summary>
public sealed class SyntheticStageExecutor(string callsDir) : IStageExecutor
{
    /// <summary>The class names of the synthetic metrics (CCXS's).</summary>
    public static IReadOnlyList<string> ClassNames => Data.Ccxs.CcxsClasses.Names;

    /// <summary>Where a marker file per call is written.</summary>
    public string CallsDir { get; } = callsDir;

    /// <inheritdoc />
    public void Execute(StageRequest request, IStageObserver observer, CancellationToken cancel)
    {
        Directory.CreateDirectory(CallsDir);
        File.WriteAllText(Path.Combine(CallsDir, $"{request.StageId}.{Guid.NewGuid():N}"), $"{Environment.ProcessId}\n");
        if (request.Stage.Options.TryGetValue("synthetic.delayMs", out var d) && int.TryParse(d, out var ms) && ms > 0)
            Task.Delay(ms, cancel).GetAwaiter().GetResult();
        if (request.Stage.Options.TryGetValue("synthetic.fail", out var f) && f == "true")
            throw new InvalidOperationException($"synthetic failure requested for stage {request.StageId}");
        if (request.ParentFolder is not null && !File.Exists(Path.Combine(request.ParentFolder, "weights.txt")))
            throw new InvalidOperationException($"parent stage folder {request.ParentFolder} has no weights");
        File.WriteAllText(Path.Combine(request.OutputFolder, "weights.txt"), request.StageId + "\n");
        if (request.IsFinal) Metrics(request.StageId).Save(Path.Combine(request.OutputFolder, RunFiles.Metrics));
    }

    /// <summary>The deterministic synthetic metrics of a stage id.</summary>
    public static MetricsFile Metrics(string stageId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(stageId));
        var classes = new List<ClassMetric>();
        for (var c = 0; c < ClassNames.Count; c++)
        {
            if (c == 7) { classes.Add(new ClassMetric(ClassNames[c], null, null, "n/a: absent from truth and prediction in every test image")); continue; }
            var iou = Math.Round(0.2 + 0.7 * bytes[c] / 255.0, 4);
            classes.Add(new ClassMetric(ClassNames[c], iou, Math.Round(2 * iou / (1 + iou), 4), "ok"));
        }
        var ok = classes.Where(x => x.Iou is not null).ToList();
        return new MetricsFile("segment", "test", 0.5, "mean over classes of IoU over the test set (n/a classes excluded)", 10, classes,
            Math.Round(ok.Average(x => x.Iou!.Value), 6), Math.Round(ok.Average(x => x.Dice!.Value), 6));
    }
}
