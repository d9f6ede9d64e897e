namespace CxrSeg.Cli.Output;

/// <summary>
/// How the CLI writes to one stream, decided once at start-up from where the stream goes and the user's wishes:
/// escape sequences (colours, styles, OSC 8 links) only on a terminal and only without <c>NO_COLOR</c> /
/// <c>--no-color</c>; progress bars and spinners only on a terminal; tables in ASCII and never wrapped at
/// 80 columns when the stream is a pipe or a file.
/// </summary>
/// <param name="Ansi">Whether escape sequences (colours, bold, links) are written.</param>
/// <param name="Interactive">Whether live displays (progress bars, spinners) are drawn.</param>
/// <param name="Unicode">Whether box-drawing characters are used for table borders.</param>
/// <param name="Width">The column width to lay out in, or null to ask the terminal.</param>
public sealed record OutputPolicy(bool Ansi, bool Interactive, bool Unicode, int? Width)
{
    /// <summary>The width used when the stream is not a terminal and COLUMNS is not set: wide enough that no table row is wrapped.</summary>
    public const int PipeWidth = 4096;

    /// <summary>
    /// Decides the policy. <paramref name="noColorEnv"/> is the value of <c>NO_COLOR</c> (any non-empty value
    /// disables colour, per no-color.org); <paramref name="term"/> is <c>TERM</c> (<c>dumb</c> disables escapes), which
    /// never turns escapes on in a pipe (a Slurm job inherits the login shell's colour TERM); <paramref name="columns"/>
    /// is <c>COLUMNS</c>, the width of a pipe's lines when set (≥ 20).
    /// </summary>
    public static OutputPolicy Decide(bool isTerminal, bool noColorFlag, string? noColorEnv, string? term, string? columns = null)
    {
        if (!isTerminal)
        {
            var width = int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) && c >= 20 ? c : PipeWidth;
            return new OutputPolicy(Ansi: false, Interactive: false, Unicode: false, Width: width);
        }
        var plain = noColorFlag || !string.IsNullOrEmpty(noColorEnv) || string.Equals(term, "dumb", StringComparison.Ordinal);
        return new OutputPolicy(Ansi: !plain, Interactive: true, Unicode: true, Width: null);
    }
}
