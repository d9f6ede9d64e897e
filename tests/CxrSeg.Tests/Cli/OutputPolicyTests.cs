using CxrSeg.Cli.Output;

namespace CxrSeg.Tests.Cli;

public sealed class OutputPolicyTests
{
    [Theory]
    [InlineData(false, false, null, "xterm", false)] // pipe or file
    [InlineData(true, false, null, "xterm", true)]   // terminal
    [InlineData(true, false, "", "xterm", true)]     // NO_COLOR set but empty: ignored (no-color.org)
    [InlineData(true, false, "1", "xterm", false)]   // NO_COLOR
    [InlineData(true, true, null, "xterm", false)]   // --no-color
    [InlineData(true, false, null, "dumb", false)]   // TERM=dumb
    public void Escapes_only_on_a_terminal_without_NO_COLOR_or_no_color(bool terminal, bool flag, string? noColor, string term, bool ansi)
    {
        var p = OutputPolicy.Decide(terminal, flag, noColor, term);
        Assert.Equal(ansi, p.Ansi);
        Assert.Equal(terminal, p.Interactive);
    }

    [Fact]
    public void A_pipe_gets_ascii_tables_laid_out_wider_than_80_columns()
    {
        var p = OutputPolicy.Decide(isTerminal: false, noColorFlag: false, noColorEnv: null, term: "xterm");
        Assert.False(p.Unicode);
        Assert.True(p.Width > 1000);
        Assert.Equal(132, OutputPolicy.Decide(false, false, null, "xterm-256color", columns: "132").Width);
        Assert.Null(OutputPolicy.Decide(true, false, null, "xterm", columns: "132").Width); // a terminal reports its own width
    }

    [Fact]
    public void Trimming_writer_drops_trailing_spaces_but_keeps_inner_ones()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var w = new TrimmingWriter(inner);
        w.Write("a  b   ");
        w.Flush();
        w.Write("   \nc ");
        w.Write("d\n");
        Assert.Equal("a  b\nc d\n", inner.ToString());
    }
}
