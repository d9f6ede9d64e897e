using System.Globalization;
using CxrSeg.Runs;
using CxrSeg.Training;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary><c>train --quiet</c> (or not a terminal): one log line per message and per epoch.</summary>
internal sealed class TrainLogObserver : ITrainingObserver
{
    public void OnMessage(string message) => Console.WriteLine(message);

    public void OnEpochEnd(EpochRecord r, string monitor, double? best) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch}{(r.Fold > 0 ? $" fold {r.Fold}" : "")}: train_loss {r.TrainLoss:0.####} val_loss {r.ValLoss:0.####} {monitor} {r.Value(monitor)?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a"} best {best?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a"} lr {r.LearningRate:g3} {r.Seconds:0.#}s"));
}
