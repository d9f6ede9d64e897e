using System.Globalization;
using CxrSeg.Platform;
using CxrSeg.Stages;
using CxrSeg.Training;
using Spectre.Console.Cli;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary>
/// <c>cxrseg train</c>: trains one stage into a run folder (resumes when the folder holds a checkpoint). Its settings
/// type is generated from the training-option table (<see cref="TrainSettingsType"/>), so the command is registered with
/// <see cref="Register"/>.
/// </summary>
/// <typeparam name="TSettings">The generated settings type.</typeparam>
public sealed class TrainCommand<TSettings> : Command<TSettings> where TSettings : TrainSettings
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TSettings settings)
    {
        TorchRuntime.Initialize();
        var options = settings.ToOptions(context.Arguments).Validate();
        var dataset = settings.Dataset;
        if (settings.Recipe is { Length: > 0 } name)
        {
            var recipe = Recipe.Load(name);
            AnsiConsole.MarkupLine($"recipe {Markup.Escape(name)}: {Markup.Escape(recipe.Description)}");
            dataset = recipe.ResolveDataset(dataset);
            if (dataset != settings.Dataset) AnsiConsole.MarkupLine($"recipe {Markup.Escape(name)} is made for {recipe.ImageSize}² images: dataset {Markup.Escape(dataset)}");
        }
        var request = new TrainRequest(options, dataset, settings.Encoder, settings.Decoder, new ModelInit(settings.Init, settings.Transfer, settings.ImageNetWeights), settings.Out);
        var runner = TrainCommandRunner.CreateDefault(line => AnsiConsole.MarkupLine(Markup.Escape(line)));
        TrainResult result;
        if (settings.Quiet || !AnsiConsole.Profile.Capabilities.Interactive)
            result = runner.Run(request, new TrainLogObserver());
        else
            result = AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx => runner.Run(request, new TrainBarObserver(ctx, options.MaxEpochs)));
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"best {Markup.Escape(result.Monitor)} {(result.BestScore?.ToString("0.####", inv) ?? "n/a")} at epoch {result.BestEpoch}; {result.EpochsRun} epochs{(result.StoppedEarly ? " (early stop)" : "")}");
        if (result.MetricsPath is not null) AnsiConsole.MarkupLine($"metrics: {Markup.Escape(result.MetricsPath)}");
        return 0;
    }
}
