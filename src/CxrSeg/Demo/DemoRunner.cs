using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CxrSeg.Data.Prepare;
using CxrSeg.Experiments;
using CxrSeg.Phantoms;
using CxrSeg.Reports;
using CxrSeg.Runs;

namespace CxrSeg.Demo;

/// <summary>
/// <c>cxrseg demo</c>: generates phantoms, prepares the three datasets, trains the demo grid (none vs 1-step vs 2-step
/// pretraining, with repeats), renders test predictions and writes the report. Every phase reuses what an earlier run
/// of the same demo finished (phantoms, caches, stages, runs), so an interrupted demo continues where it stopped.
/// </summary>
public static class DemoRunner
{
    private const string SynthDoneFile = "synth-done.json";

    /// <summary>Runs the demo; <paramref name="observer"/> receives progress.</summary>
    public static DemoResult Run(DemoOptions options, IDemoObserver? observer = null, CancellationToken cancel = default)
    {
        options.Validate();
        var obs = observer ?? NullObserver.Instance;
        var sizes = options.Sizes;
        var root = DemoWorkspace.Claim(options.Workspace);
        var real = options.RealCcxs is not null;
        var phases = new List<(DemoPhase, double)>();
        var clock = Stopwatch.StartNew();
        var lastLap = 0.0;
        double Lap(Stopwatch c)
        {
            var now = c.Elapsed.TotalSeconds;
            var lap = now - lastLap;
            lastLap = now;
            return lap;
        }

        // 1. Phantoms (all three datasets; with --real-ccxs the CCXS phantoms are simply not used).
        var synthDir = Path.Combine(root, "synth");
        var synthOptions = new SynthOptions
        {
            OutputDir = synthDir, Seed = options.Seed, CheXpertCount = sizes.CheXpertCount, SiimCount = sizes.SiimCount,
            CcxsCount = sizes.CcxsCount, Size = sizes.SynthSize, PreviewPath = Path.Combine(root, "synth-preview.png"),
        };
        var synthKey = JsonSerializer.Serialize(new { synthOptions.Seed, synthOptions.CheXpertCount, synthOptions.SiimCount, synthOptions.CcxsCount, synthOptions.Size });
        var synthDone = Path.Combine(root, SynthDoneFile);
        if (File.Exists(synthDone) && File.ReadAllText(synthDone) == synthKey)
            obs.OnPhase(DemoPhase.Synth, $"phantoms reused ({synthDir})", reused: true);
        else
        {
            obs.OnPhase(DemoPhase.Synth, "generating phantoms", reused: false);
            if (File.Exists(synthDone)) File.Delete(synthDone);
            var total = sizes.CheXpertCount + sizes.SiimCount + sizes.CcxsCount;
            var done = new Dictionary<string, int>();
            PhantomSynthesizer.Run(synthOptions, (name, d, _) =>
            {
                lock (done)
                {
                    done[name] = d;
                    obs.OnProgress(DemoPhase.Synth, done.Values.Sum(), total, $"phantoms: {name} {d}");
                }
            });
            Platform.AtomicFile.WriteAllText(synthDone, synthKey);
        }
        cancel.ThrowIfCancellationRequested();
        phases.Add((DemoPhase.Synth, Lap(clock)));

        // 2. Prepared caches (an identical preparation is reused by PrepareJob itself).
        obs.OnPhase(DemoPhase.Prepare, "preparing the training caches", reused: false);
        var prepared = new Dictionary<string, PrepareResult>();
        foreach (var ds in new[] { "chexpert", "siim", "ccxs" })
        {
            var source = ds == "ccxs" && real ? Path.GetFullPath(options.RealCcxs!) : Path.Combine(synthDir, ds);
            var po = new PrepareOptions { Dataset = ds, Source = source, Workspace = root, Size = sizes.ImageSize, Seed = 42, Workers = Environment.ProcessorCount, SiimMasks = sizes.SiimMasks };
            var r = PrepareJob.Run(po, p => obs.OnProgress(DemoPhase.Prepare, p.Done, Math.Max(1, p.Total), $"prepare {ds} {p.Done}/{p.Total}"), cancel);
            prepared[ds] = r;
            obs.OnLine($"{(r.Reused ? "reused" : "prepared")} {ds}{(ds == "ccxs" && real ? " (real CCXS)" : "")}: {r.Images} images (train {r.Train}, validation {r.Validation}, test {r.Test}), {r.Rejected} rejected");
        }
        phases.Add((DemoPhase.Prepare, Lap(clock)));

        // 3. The grid.
        var refs = prepared.ToDictionary(kv => kv.Key, kv => Path.GetRelativePath(root, kv.Value.Directory));
        var gridPath = Path.Combine(root, DemoGrid.Name(real) + ".yaml");
        Platform.AtomicFile.WriteAllText(gridPath, DemoGrid.Yaml(sizes, refs, real));
        var grid = GridFile.Load(gridPath);
        var ws = new Workspace(root);
        var plans = GridExpander.Expand(grid).Plans.Select(ws.Pin).ToList();
        var eta = new TrainingEta(PendingWork(plans, ws, sizes, prepared));
        var runsTotal = plans.Count;
        var stagesToTrain = eta.Total > 0 ? PendingStageCount(plans, ws) : 0;
        obs.OnPhase(DemoPhase.Train, $"training {runsTotal} runs ({stagesToTrain} stage(s) to train)", reused: stagesToTrain == 0);
        var executor = StageExecutors.Create(options.Executor, ws);
        var progress = new DemoTrainingProgress(obs, eta, sizes, stagesToTrain);
        var runner = new PlanRunner(ws, executor, options.Device) { Observer = progress };
        var trained = 0;
        var reusedRuns = 0;
        var failed = new List<(string, string)>();
        GridRunner.Run(grid, ShardSpec.All, runner, onRun: (k, n, r) =>
        {
            switch (r.Outcome)
            {
                case RunOutcome.Done: trained++; break;
                case RunOutcome.AlreadyDone: reusedRuns++; break;
                case RunOutcome.Failed: failed.Add((r.RunName, r.Error ?? "")); break;
            }
            obs.OnLine($"run {k + 1}/{n} {r.RunName}: {Describe(r, ws)}");
        }, cancel: cancel);
        phases.Add((DemoPhase.Train, Lap(clock)));
        if (!plans.Any(p => ws.IsRunDone(StageIds.RunFolderName(p))))
            throw new UserFacingException($"demo: no run finished ({failed.Count} failed); first failure: {(failed.Count > 0 ? failed[0].Item1 + ": " + failed[0].Item2 : "none")}. " +
                                          $"Failure records are in {ws.FailedDir}; fix the cause and run the same command again to resume.");

        // 4. Test-prediction overlays from repeat 0 of each strategy.
        var notes = new List<string>();
        obs.OnPhase(DemoPhase.Overlays, "rendering test predictions", reused: false);
        var overlayDir = Path.Combine(root, DemoGrid.Name(real) + "-overlays");
        var models = plans.Where(p => p.Labels is { Repeat: 0 } && ws.IsRunDone(StageIds.RunFolderName(p)))
            .OrderBy(p => p.Labels!.Strategy).ThenBy(p => p.Labels!.Pretext)
            .Select(p => new OverlayModel(Caption(p, ws), ws.StageFolder(StageIds.Of(p)[^1]))).ToList();
        var overlays = DemoOverlays.Render(prepared["ccxs"].Directory, models, sizes.OverlayImages, overlayDir, notes);
        foreach (var n in notes) obs.OnLine(n);
        phases.Add((DemoPhase.Overlays, Lap(clock)));

        // 5. The report of the grid's runs.
        obs.OnPhase(DemoPhase.Report, "writing the report", reused: false);
        var reportDir = Path.Combine(root, DemoGrid.Name(real) + "-report");
        var title = (real ? "CxrSeg demo: phantom pretraining, real CCXS fine-tuning" : "CxrSeg demo on phantoms") +
                    string.Create(CultureInfo.InvariantCulture, $" ({sizes.Name} sizes: {sizes.ImageSize}² images, {sizes.Repeats} repeats; see {Path.GetFileName(gridPath)})");
        var summary = ReportApi.Write(new ReportOptions(gridPath, root, reportDir, overlays, title));
        phases.Add((DemoPhase.Report, Lap(clock)));
        return new DemoResult(root, reportDir, gridPath, summary, phases, trained, reusedRuns, failed);
    }

    private static Dictionary<string, double> PendingWork(IReadOnlyList<PlanSpec> plans, Workspace ws, DemoSizes sizes, Dictionary<string, PrepareResult> prepared)
    {
        var work = new Dictionary<string, double>();
        foreach (var p in plans)
        {
            if (ws.IsRunDone(StageIds.RunFolderName(p))) continue;
            var ids = StageIds.Of(p);
            for (var i = 0; i < ids.Count; i++)
            {
                if (work.ContainsKey(ids[i]) || ws.IsStageDone(ids[i])) continue;
                var st = p.Stages[i];
                var r = prepared[PlanNames.Of(st.Dataset)];
                work[ids[i]] = TrainingEta.Weight(st, sizes, r.Train, r.Validation, r.Test, i == ids.Count - 1);
            }
        }
        return work;
    }

    private static int PendingStageCount(IReadOnlyList<PlanSpec> plans, Workspace ws) =>
        plans.Where(p => !ws.IsRunDone(StageIds.RunFolderName(p))).SelectMany(StageIds.Of).Distinct().Count(id => !ws.IsStageDone(id));

    private static string Describe(RunReport r, Workspace ws)
    {
        if (r.Outcome == RunOutcome.Failed) return "FAILED: " + r.Error;
        var metrics = Path.Combine(ws.RunFolder(r.RunName), RunFiles.Metrics);
        var miou = File.Exists(metrics) ? MetricsFile.Load(metrics).MIoU : null;
        var what = r.Outcome == RunOutcome.AlreadyDone ? "reused" : r.Outcome == RunOutcome.Busy ? "busy in another process" : "done";
        return miou is { } v ? string.Create(CultureInfo.InvariantCulture, $"{what}, test mIoU {v * 100:0.0}%") : what;
    }

    private static string Caption(PlanSpec p, Workspace ws)
    {
        var l = p.Labels!;
        var label = PlanNames.StrategyLabel(l.Strategy, l.Pretext);
        var metrics = Path.Combine(ws.RunFolder(StageIds.RunFolderName(p)), RunFiles.Metrics);
        var miou = File.Exists(metrics) ? MetricsFile.Load(metrics).MIoU : null;
        return miou is { } v ? string.Create(CultureInfo.InvariantCulture, $"{label}: mIoU {v * 100:0.0}%") : label;
    }

    private sealed class NullObserver : IDemoObserver
    {
        public static readonly NullObserver Instance = new();
        public void OnPhase(DemoPhase phase, string description, bool reused) { }
        public void OnProgress(DemoPhase phase, double done, double total, string description) { }
        public void OnEta(TimeSpan? remaining) { }
        public void OnLine(string line) { }
    }
}
