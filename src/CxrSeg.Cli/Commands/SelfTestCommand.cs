using System.ComponentModel;
using CxrSeg.Reliability;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg selftest</c>: generates the hostile-input corpus and checks this installation (its GDCM and SkiaSharp) handles every case.</summary>
public sealed class SelfTestCommand : Command<SelfTestCommand.Settings>
{
    /// <summary>Options of <c>selftest</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Where to write the corpus (kept); default: a temporary folder, deleted afterwards.</summary>
        [CommandOption("--keep <DIR>"), Description("Write the corpus into DIR (a new or empty folder) and keep it (default: a temporary folder, deleted).")]
        public string? Keep { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        if (s.Keep is not null && Directory.Exists(s.Keep) && Directory.EnumerateFileSystemEntries(s.Keep).Any())
            throw new UserFacingException($"--keep {s.Keep} is not empty: name a new or empty folder");
        var root = s.Keep ?? Path.Combine(Path.GetTempPath(), "cxrseg-selftest-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var outcomes = HostileCorpusRunner.Run(HostileCorpus.Generate(root), TimeSpan.FromSeconds(30));
            var table = new Table().AddColumn("class").AddColumn("cases").AddColumn("as expected");
            foreach (var g in outcomes.GroupBy(o => o.Case.Class))
                table.AddRow(Markup.Escape(g.Key), g.Count().ToString(), g.Count(o => o.AsExpected).ToString());
            AnsiConsole.Write(table);
            var wrong = outcomes.Where(o => !o.AsExpected).ToArray();
            foreach (var w in wrong) AnsiConsole.MarkupLine("[red]" + Markup.Escape(w.ToString()) + "[/]");
            AnsiConsole.MarkupLine(wrong.Length == 0
                ? $"selftest: all {outcomes.Count} hostile cases handled as expected{(s.Keep is null ? "" : $" (corpus kept in {Markup.Escape(root)})")}"
                : $"[red]selftest: {wrong.Length} of {outcomes.Count} cases went wrong[/]");
            return wrong.Length == 0 ? 0 : 1;
        }
        finally
        {
            if (s.Keep is null) try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
