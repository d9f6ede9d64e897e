using CxrSeg.Data.Cache;
using CxrSeg.Platform;
using CxrSeg.Runs;
using CxrSeg.Training;

namespace CxrSeg.Experiments;

/// <summary>
/// The training engine behind <c>cxrseg run</c> and <c>cxrseg grid run</c> (executor "torch", the default). A stage is
/// mapped to <see cref="TrainOptions"/> by <see cref="StageTrainSettings"/>, its dataset reference is resolved to a
/// prepared cache by <see cref="ResolveDataset"/>, and <see cref="Trainer"/> trains it in
/// <c>WORKSPACE/tmp/train-&lt;stage-id&gt;/</c> — a stable folder, so a stage killed mid-training resumes from its
/// checkpoint_last when the plan is run again — whose files are then moved into the request's output folder.
/// Later stages start from the parent stage's <c>checkpoint_best</c> with the stage's transfer mode; ImageNet starts
/// read the option <c>imagenetWeights</c> (relative to the workspace), by default <c>WORKSPACE/weights/</c>.
/// </summary>
/// <param name="workspaceRoot">The workspace folder (relative dataset references and weights are resolved against it).</param>
public sealed class TorchStageExecutor(string workspaceRoot) : IStageExecutor
{
    /// <summary>The workspace folder.</summary>
    public string WorkspaceRoot { get; } = Path.GetFullPath(workspaceRoot);

    /// <summary>The folder a stage trains in before its files move into the finished stage folder.</summary>
    public string WorkFolder(string stageId) => Path.Combine(WorkspaceRoot, "tmp", "train-" + stageId);

    /// <inheritdoc />
    public void Execute(StageRequest request, IStageObserver observer, CancellationToken cancel)
    {
        TorchRuntime.Initialize();
        var stage = request.Stage;
        var settings = StageTrainSettings.From(stage, request.Device);
        var datasetDir = ResolveDataset(request.DatasetRef, stage.Dataset, settings.ImageSize);
        var init = stage.Init switch
        {
            InitKind.Random => new ModelInit("random"),
            InitKind.ImageNet => new ModelInit("imagenet", "encoder", Rooted(settings.ImageNetWeights ?? "weights")),
            InitKind.File => new ModelInit(Rooted(settings.InitWeights ?? throw new UserFacingException($"stage {request.StageId}: init file needs the option initWeights: FILE")), PlanNames.Of(stage.Transfer)),
            _ => new ModelInit(request.ParentFolder ?? throw new UserFacingException($"stage {request.StageId} starts from a previous stage but has none"),
                PlanNames.Of(stage.Transfer)),
        };
        var work = WorkFolder(request.StageId);
        void Say(string line) => observer.OnMessage(request, line);
        var runner = TrainCommandRunner.CreateDefault(Say);
        var train = new TrainRequest(settings.Options, datasetDir, stage.Encoder, stage.Architecture, init, work);
        Say($"dataset {datasetDir}, work folder {work}");
        var result = runner.Run(train, new TrainingToStage(request, observer), cancel);
        if (request.IsFinal && result.MetricsPath is null)
            throw new UserFacingException($"stage {request.StageId}: dataset {datasetDir} has no test split, so the final stage cannot write metrics.json");
        if (result.Evaluation is { } ev)
            Say($"best {result.Monitor} {StageLogObserver.Format(result.BestScore)} at epoch {result.BestEpoch}; test {result.Monitor} {StageLogObserver.Format(ev.Value(result.Monitor))} on {ev.Images} images (metrics.json)");
        MoveContents(work, request.OutputFolder);
        Directory.Delete(work, recursive: true);
    }

    /// <summary>
    /// Resolves a plan's dataset reference to a prepared cache folder, or to several joined by ':' (they train as one
    /// combined set; in plan and grid files a list). Each entry: an absolute path is used as is; a relative one is
    /// tried against the workspace, then <c>WORKSPACE/prepared/</c>, then the current folder. The folder may be a cache
    /// itself (pinned) or hold caches (e.g. <c>prepared/ccxs</c>: the latest finished cache is used, of the stage's
    /// <c>imageSize</c> when set). The role decides what a cache must hold: the step-B (siim) and target (ccxs) roles
    /// take mask sets (the paper's SIIM and CCXS, or JSRT, ChestX-Det, own masks); the step-A (chexpert) role takes any
    /// set (labels for a classifier, any images for an autoencoder).
    /// </summary>
    public string ResolveDataset(string reference, DatasetKind kind, int? size) =>
        PreparedSources.Join(PreparedSources.Split(reference).Select(r => ResolveOne(r, kind, size)));

    private string ResolveOne(string reference, DatasetKind kind, int? size)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new UserFacingException($"datasets.{PlanNames.Of(kind)} is empty");
        var dir = PreparedRefs.Locate(WorkspaceRoot, reference)
            ?? throw new UserFacingException($"datasets.{PlanNames.Of(kind)}: '{reference}' not found (looked in {string.Join(", ", PreparedRefs.Candidates(WorkspaceRoot, reference).Distinct())}); run `cxrseg prepare {PlanNames.Of(kind)} --out {WorkspaceRoot}`");
        var cache = PreparedFolders.Resolve(dir, size);
        using var set = PreparedSet.Open(cache);
        if (kind != DatasetKind.CheXpert && set.Target != TargetKind.Mask)
            throw new UserFacingException($"datasets.{PlanNames.Of(kind)}: {cache} holds the prepared '{set.Name}' dataset, which has labels, not the masks a {PlanNames.Of(kind)} stage trains on");
        return cache;
    }

    private string Rooted(string path) => Path.IsPathRooted(path) ? path : Path.Combine(WorkspaceRoot, path);

    private static void MoveContents(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Move(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        foreach (var d in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(d);
            if (name.StartsWith('.')) continue; // interrupted checkpoint swaps
            var target = Path.Combine(to, name);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(d, target);
        }
    }

    /// <summary>Passes the trainer's events on to the stage observer, tagged with the stage.</summary>
    private sealed class TrainingToStage(StageRequest request, IStageObserver observer) : ITrainingObserver
    {
        public void OnMessage(string message) => observer.OnMessage(request, message);

        public void OnEpochEnd(EpochRecord record, string monitor, double? best) => observer.OnEpochEnd(request, record, monitor, best);
    }
}
