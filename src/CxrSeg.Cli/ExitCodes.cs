namespace CxrSeg.Cli;

/// <summary>The exit codes of every <c>cxrseg</c> command (documented in the README under "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Everything asked was done.</summary>
    public const int Success = 0;

    /// <summary>Bad input: a missing or unreadable file, a bad field, an option value out of range, an unavailable device.</summary>
    public const int UserError = 1;

    /// <summary>Bad command line: unknown command or option, missing argument, value of the wrong type.</summary>
    public const int Usage = 2;

    /// <summary>Done, but some inputs were rejected or failed (prepare's rejects.csv, predict's unreadable images, some of a grid shard's plans).</summary>
    public const int Partial = 3;

    /// <summary>A missing dependency (<c>doctor</c> found one missing, or GDCM is needed and absent).</summary>
    public const int Environment = 4;

    /// <summary>An unexpected internal error (a bug): the stack trace is printed on stderr.</summary>
    public const int Internal = 70;

    /// <summary>Interrupted (Ctrl+C); finished work is kept and the command can be resumed.</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM (run, grid run: locks released first; see <c>CliCancel.OnCtrlCOrTerm</c>).</summary>
    public const int Terminated = 143;
}
