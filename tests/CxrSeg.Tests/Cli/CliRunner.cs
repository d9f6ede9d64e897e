using CxrSeg.Cli;
using CxrSeg.Cli.Output;

namespace CxrSeg.Tests.Cli;

/// <summary>Runs the CLI in-process on string buffers, as a pipe or as a terminal, with a chosen environment.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string[] args, bool terminal = false, string? noColor = null, string? term = "xterm-256color")
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var env = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };
        var rc = CliApp.Run(args, new CliIo(o, e, terminal, terminal, name => env.GetValueOrDefault(name)));
        return new Result(rc, o.ToString(), e.ToString());
    }
}
