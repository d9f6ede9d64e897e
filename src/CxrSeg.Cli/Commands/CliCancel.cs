namespace CxrSeg.Cli.Commands;

/// <summary>A cancellation source tripped by Ctrl+C (the current stage stops; finished stages stay).</summary>
internal static class CliCancel
{
    public static CancellationTokenSource OnCtrlC()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return cts;
    }
}
