using CxrSeg.Cli.Commands;
using CxrSeg;
using Spectre.Console.Cli;

namespace CxrSeg.Cli;

/// <summary>Registers every command. Each command is a thin shell over one library call.</summary>
public static class CliApp
{
    /// <summary>Builds and runs the command-line application.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName("cxrseg");
            c.PropagateExceptions();
            c.AddCommand<TrainCommand>("train").WithDescription("Train a classifier, autoencoder or segmentation network into a run folder (resumable).");
            c.AddCommand<DoctorCommand>("doctor").WithDescription("Check TorchSharp, libtorch, GDCM and the machine; measure the matmul rate.");
        });
        try
        {
            return app.Run(args);
        }
        catch (CommandParseException e)
        {
            Spectre.Console.AnsiConsole.MarkupLine($"[red]error:[/] {Spectre.Console.Markup.Escape(e.Message)}");
            return 2;
        }
        catch (CommandRuntimeException e)
        {
            Spectre.Console.AnsiConsole.MarkupLine($"[red]error:[/] {Spectre.Console.Markup.Escape(e.Message)}");
            return 2;
        }
        catch (UserFacingException e)
        {
            Spectre.Console.AnsiConsole.MarkupLine($"[red]error:[/] {Spectre.Console.Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
