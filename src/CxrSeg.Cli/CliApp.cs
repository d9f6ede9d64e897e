using CxrSeg.Cli.Commands;
using CxrSeg.Cli.Output;
using Spectre.Console.Cli;
using Spectre.Console;

namespace CxrSeg.Cli;

/// <summary>Registers every command. Each command is a thin shell over one library call.</summary>
public static class CliApp
{
    /// <summary>The option, accepted anywhere on the command line, that turns colours and links off.</summary>
    public const string NoColorOption = "--no-color";

    /// <summary>Builds and runs the command-line application on the process's streams.</summary>
    public static int Run(string[] args) => Run(args, CliIo.Process());

    /// <summary>
    /// Builds and runs the command-line application writing to <paramref name="io"/>. Errors go to stderr,
    /// everything else to stdout; see <see cref="ExitCodes"/> for the exit codes.
    /// </summary>
    public static int Run(string[] args, CliIo io)
    {
        var noColor = args.TakeWhile(a => a != "--").Contains(NoColorOption);
        var rest = args.TakeWhile(a => a != "--").Where(a => a != NoColorOption).Concat(args.SkipWhile(a => a != "--")).ToArray();
        var term = io.Environment("TERM");
        var noColorEnv = io.Environment("NO_COLOR");
        var columns = io.Environment("COLUMNS");
        var console = CliConsole.Create(io.Out, OutputPolicy.Decide(io.OutIsTerminal, noColor, noColorEnv, term, columns));
        var errors = CliConsole.Create(io.Error, OutputPolicy.Decide(io.ErrorIsTerminal, noColor, noColorEnv, term, columns));
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = console;
        try
        {
            return Execute(rest, console, errors);
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }

    private static int Execute(string[] args, IAnsiConsole console, IAnsiConsole errors)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName("cxrseg");
            c.ConfigureConsole(console);
            c.PropagateExceptions();
            c.AddCommand<DemoCommand>("demo").WithDescription("Run the demo: phantoms, preparation, none vs 1-step vs 2-step pretraining with repeats, Table 3 and report.html (about 11 min on 2 cores).");
            c.AddCommand<SynthCommand>("synth").WithDescription("Write synthetic CheXpert-, SIIM- and CCXS-like datasets (phantoms) in their real layouts.");
            c.AddCommand<StatsCommand>("stats").WithDescription("Label, class and box counts of a dataset in its original layout.");
            c.AddCommand<InspectCommand>("inspect").WithDescription("Describe a DICOM, PNG or JPEG: size, bits, photometric, transfer syntax, display steps, value statistics.");
            c.AddCommand<ConvertCommand>("convert").WithDescription("Write a DICOM/PNG/JPEG as grey PNG (display image, or stored values with --raw).");
            c.AddCommand<SelfTestCommand>("selftest").WithDescription("Generate the hostile-input corpus (344 broken files, paths and caches) and check every case is refused or accepted as it should be.");
            c.AddCommand<PrepareCommand>("prepare").WithDescription("Decode a dataset (ccxs, chexpert, siim) into the fast training cache, with splits.");
            TrainCommand.Register(c, "train").WithDescription("Train a classifier, autoencoder or segmentation network into a run folder (resumable).");
            c.AddCommand<RunCommand>("run").WithDescription("Run one stage plan end to end, reusing finished stages.");
            c.AddBranch("grid", g => { g.SetDescription("Run, watch or distribute a grid of plans."); g.AddCommand<GridRunCommand>("run").WithDescription("Run a shard of a grid (skips finished runs; safe to run many at once)."); g.AddCommand<GridStatusCommand>("status").WithDescription("Done / running / failed / pending per plan."); g.AddCommand<GridSlurmCommand>("slurm").WithDescription("Write an sbatch array script, one shard per task (GPU, or CPU with --gpus 0)."); });
            c.AddCommand<ReportCommand>("report").WithDescription("Table 3, per-class IoU, charts, report.md/report.html and CSV/JSON from finished runs.");
            c.AddCommand<CvCommand>("cv").WithDescription("Compare a grid's settings by cross-validation: k-fold runs' out-of-fold mIoU, mean and per class.");
            c.AddCommand<PredictCommand>("predict").WithDescription("Segment DICOM/PNG/JPEG chest X-rays with a trained run: masks, overlays, findings JSON, summary.csv.");
            c.AddCommand<ExportCommand>("export").WithDescription("Export a run's trained network with smp key names (.pth or .safetensors).");
            c.AddCommand<ModelsCommand>("models").WithDescription("List every encoder × architecture pairing with its parameter count.");
            c.AddCommand<WeightsCommand>("weights").WithDescription("List the torchvision ImageNet weight file each encoder needs and where it is published.");
            c.AddCommand<BenchCommand>("bench").WithDescription("Run the benchmark suites (gemm, train-step, epoch, prepare, loader, predict, memory).");
            c.AddCommand<DoctorCommand>("doctor").WithDescription("Check TorchSharp, libtorch, GDCM and the machine; measure the matmul rate.");
        });
        try
        {
            return app.Run(args);
        }
        catch (Exception e) when (e is CommandParseException or CommandRuntimeException)
        {
            errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (UserFacingException e)
        {
            errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.UserError;
        }
        catch (CxrSeg.Platform.GdcmMissingException e)
        {
            errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Environment;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.Message)}");
            errors.WriteLine(e.ToString());
            return ExitCodes.Internal;
        }
    }
}
