using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Platform;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg doctor</c>: prints every dependency's version and the machine's speed; non-zero when a piece is missing.</summary>
public sealed class DoctorCommand : Command<DoctorCommand.Settings>
{
    /// <summary>Options of <c>doctor</c>.</summary>
    public sealed class Settings : JsonCliSettings
    {
        /// <summary>Workspace whose free disk is reported.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace folder whose free disk is reported (default: ./workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Skip the matmul measurement.</summary>
        [CommandOption("--no-gemm"), Description("Skip the 2048² matmul measurement (default: measure).")]
        public bool NoGemm { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        var items = DoctorReport.Collect(settings.Workspace, !settings.NoGemm);
        var missing = items.Where(i => !i.Ok).ToList();
        if (settings.Json)
        {
            CliJson.Write(new { ok = missing.Count == 0, items });
            return missing.Count == 0 ? ExitCodes.Success : ExitCodes.Environment;
        }
        var table = CliTable.New().AddColumn("item").AddColumn("value").AddColumn("ok");
        foreach (var i in items)
            table.AddRow(Markup.Escape(i.Name), Markup.Escape(i.Value), i.Ok ? "[green]yes[/]" : "[red]NO[/]");
        AnsiConsole.Write(table);
        if (missing.Count == 0) return ExitCodes.Success;
        AnsiConsole.MarkupLine($"[red]missing:[/] {Markup.Escape(string.Join("; ", missing.Select(m => m.Name + " — " + m.Value)))}");
        return ExitCodes.Environment;
    }
}
