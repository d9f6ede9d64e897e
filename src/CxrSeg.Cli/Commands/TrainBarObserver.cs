using System.Globalization;
using CxrSeg.Training;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary><c>train</c> on a terminal: a progress bar over every optimiser step.</summary>
internal sealed class TrainBarObserver(ProgressContext ctx, int maxEpochs) : ITrainingObserver
{
    private readonly ProgressTask _task = ctx.AddTask("train", maxValue: maxEpochs);

    public void OnMessage(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));

    public void OnStep(TrainingProgress p)
    {
        _task.MaxValue = (double)p.MaxEpochs * p.Units * p.StepsInUnit;
        _task.Value = ((double)(p.Epoch - 1) * p.Units + (p.Unit - 1)) * p.StepsInUnit + p.StepInUnit;
        var fold = p.Folds > 0 ? $"fold {p.Fold}/{p.Folds} " : "";
        _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{fold}epoch {p.Epoch}/{p.MaxEpochs} run {p.Unit}/{p.Units} loss {p.Loss:0.####} best {p.BestScore?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a"}"));
    }
}
