using System.Globalization;
using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>
/// Writes a stage's progress as log lines prefixed with the stage's short name: its messages and one line per epoch
/// (<c>epoch N: train_loss … val_loss … MONITOR … best … 1.2s</c>); used by <c>cxrseg run</c> and <c>cxrseg grid run</c>.
/// </summary>
/// <param name="log">Receives each line (nothing is written when null).</param>
public sealed class StageLogObserver(Action<string>? log) : IStageObserver
{
    /// <inheritdoc />
    public void OnMessage(StageRequest request, string message) => log?.Invoke($"{Prefix(request)} {message}");

    /// <inheritdoc />
    public void OnEpochEnd(StageRequest request, EpochRecord r, string monitor, double? best) =>
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{Prefix(request)} epoch {r.Epoch}{(r.Fold > 0 ? $" fold {r.Fold}" : "")}: train_loss {r.TrainLoss:0.####} val_loss {r.ValLoss:0.####} {monitor} {Format(r.Value(monitor))} best {Format(best)} {r.Seconds:0.#}s"));

    /// <summary>A metric value as the log shows it: up to four decimals, or n/a.</summary>
    public static string Format(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Prefix(StageRequest request) => $"  [{request.Stage.ShortName}]";
}
