namespace CxrSeg.Cli.Output;

/// <summary>Where one CLI invocation writes and what it knows of its environment (the real process, or a test's buffers).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="OutIsTerminal">Whether standard output is a terminal.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal.</param>
/// <param name="Environment">Reads an environment variable (NO_COLOR, TERM).</param>
public sealed record CliIo(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal, Func<string, string?> Environment)
{
    /// <summary>The process's own streams and environment.</summary>
    public static CliIo Process() => new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, System.Environment.GetEnvironmentVariable);
}
