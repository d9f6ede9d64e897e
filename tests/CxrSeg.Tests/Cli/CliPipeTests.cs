using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxrSeg.Tests.Cli;

public sealed class CliPipeTests
{
    private const char Esc = '\u001b';

    [Fact]
    public void Help_in_a_pipe_is_plain_text_that_grep_w_finds_and_is_not_wrapped()
    {
        var r = CliRunner.Run(["--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(Esc, r.Out);
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => Regex.IsMatch(l, @"(^|\W)doctor(\W|$)")); // grep -w doctor
        Assert.Contains(lines, l => l.Contains("demo") && l.Contains("about 11 min on 2 cores")); // one line, not wrapped at 80
        Assert.DoesNotContain(lines, l => l.EndsWith(' '));
    }

    [Fact]
    public void Help_on_a_terminal_is_coloured_unless_NO_COLOR_or_no_color()
    {
        Assert.Contains(Esc, CliRunner.Run(["--help"], terminal: true).Out);
        Assert.DoesNotContain(Esc, CliRunner.Run(["--help"], terminal: true, noColor: "1").Out);
        var flagged = CliRunner.Run(["--no-color", "--help"], terminal: true);
        Assert.Equal(0, flagged.ExitCode);
        Assert.DoesNotContain(Esc, flagged.Out);
    }

    [Fact]
    public void Tables_in_a_pipe_are_ascii_without_escapes_and_rows_are_not_wrapped()
    {
        var r = CliRunner.Run(["weights"]);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(Esc, r.Out);
        Assert.DoesNotContain('│', r.Out);
        Assert.Contains(r.Out.Split('\n'), l => l.Contains("vgg16-397923af.pth") && l.Contains("https://download.pytorch.org/models/vgg16-397923af.pth"));
    }

    [Fact]
    public void No_color_is_accepted_after_the_command_too()
    {
        var r = CliRunner.Run(["weights", "--no-color"], terminal: true);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(Esc, r.Out);
        Assert.Contains("--no-color", CliRunner.Run(["weights", "--help"]).Out);
    }

    [Fact]
    public void Weights_json_lists_every_encoder_with_its_file()
    {
        var r = CliRunner.Run(["weights", "--json"], terminal: true);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var names = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("encoder").GetString()).ToList();
        Assert.Equal(CxrSeg.Models.EncoderRegistry.All.Select(e => e.Name), names);
        Assert.All(doc.RootElement.EnumerateArray().Where(e => !e.GetProperty("bundled").GetBoolean()),
            e => Assert.EndsWith(".pth", e.GetProperty("file").GetString()));
        // without --dir only bundled weights can be said to be available
        Assert.All(doc.RootElement.EnumerateArray().Where(e => !e.GetProperty("bundled").GetBoolean()),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("available").ValueKind));
    }

    [Fact]
    public void Doctor_json_reports_items_and_overall_ok_and_matches_the_exit_code()
    {
        var r = CliRunner.Run(["doctor", "--no-gemm", "--json"]);
        using var doc = JsonDocument.Parse(r.Out);
        var ok = doc.RootElement.GetProperty("ok").GetBoolean();
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("name").GetString() == "TorchSharp");
        Assert.Equal(ok, items.All(i => i.GetProperty("ok").GetBoolean()));
        Assert.Equal(ok ? 0 : 4, r.ExitCode);
    }

    [Fact]
    public void Usage_errors_exit_2_and_user_errors_exit_1_with_the_message_on_stderr()
    {
        var usage = CliRunner.Run(["no-such-command"]);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("error:", usage.Error);
        Assert.DoesNotContain("error:", usage.Out);
        var user = CliRunner.Run(["stats", "bogus", "--source", "/nonexistent"]);
        Assert.Equal(1, user.ExitCode);
        Assert.Contains("bogus", user.Error);
    }

    [Theory]
    [InlineData("demo")] [InlineData("synth")] [InlineData("stats")] [InlineData("inspect")] [InlineData("convert")]
    [InlineData("prepare")] [InlineData("train")] [InlineData("run")] [InlineData("grid run")] [InlineData("grid status")]
    [InlineData("grid slurm")] [InlineData("report")] [InlineData("predict")] [InlineData("export")] [InlineData("models")]
    [InlineData("weights")] [InlineData("bench")] [InlineData("doctor")]
    public void Every_command_help_builds_and_lists_no_color(string command)
    {
        var r = CliRunner.Run([.. command.Split(' '), "--help"]);
        Assert.True(r.ExitCode == 0, r.Error); // option templates are only checked when the command model is built
        Assert.Contains("--no-color", r.Out);
        Assert.DoesNotContain(Esc, r.Out);
    }
}
