using CxrSeg.Experiments;
using CxrSeg.Models.Weights;

namespace CxrSeg.Reports;

/// <summary>
/// Per-class test IoU % (mean over repeats) for every configuration; null where the class was n/a in every repeat.
/// <see cref="MIoU"/> is the configuration's Table 3 cell.
/// </summary>
public sealed record ClassTable(IReadOnlyList<PlanLabels> Configs, IReadOnlyList<string> ClassNames, IReadOnlyList<IReadOnlyList<double?>> Iou, IReadOnlyList<CellStats?> MIoU)
{
    /// <summary>Builds the table; configurations are sorted by architecture, encoder, strategy, init and transfer.</summary>
    public static ClassTable Build(IReadOnlyList<RunResult> runs)
    {
        var names = new List<string>();
        foreach (var r in runs)
            foreach (var c in r.Metrics.Classes)
                if (!names.Contains(c.Name)) names.Add(c.Name);
        var configs = runs.Select(r => r.Labels.WithoutRepeat).Distinct()
            .OrderBy(l => l.Architecture, StringComparer.Ordinal).ThenBy(l => l.Encoder, StringComparer.Ordinal)
            .ThenBy(l => l.Strategy).ThenBy(l => l.Pretext).ThenBy(l => l.Init).ThenBy(l => l.Transfer ?? (TransferMode)(-1)).ToList();
        var iou = new List<IReadOnlyList<double?>>();
        var miou = new List<CellStats?>();
        foreach (var cfg in configs)
        {
            var mine = runs.Where(r => r.Labels.WithoutRepeat == cfg).ToList();
            iou.Add(names.Select(n =>
            {
                var v = mine.Select(r => r.Metrics.Classes.FirstOrDefault(c => c.Name == n)?.Iou).Where(x => x is not null).Select(x => x!.Value * 100).ToList();
                return v.Count == 0 ? (double?)null : v.Average();
            }).ToList());
            miou.Add(CellStats.Of(mine.Where(r => r.Metrics.MIoU is not null).Select(r => r.Metrics.MIoU!.Value)));
        }
        return new ClassTable(configs, names, iou, miou);
    }

    /// <summary>A configuration's row title, e.g. "unet resnet50 · 2-step (classifier → SIIM) · imagenet · encoder".</summary>
    public static string Title(PlanLabels l, RoleNames? roles = null) =>
        $"{l.Architecture} {l.Encoder} · {PlanNames.StrategyLabel(l.Strategy, l.Pretext, roles)} · {PlanNames.Of(l.Init)} · {(l.Transfer is { } t ? PlanNames.Of(t) : "no transfer")}";
}
