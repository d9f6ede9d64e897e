using System.Runtime.InteropServices;

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

    /// <summary>
    /// Cancellation by Ctrl+C or SIGTERM (what scancel, a Slurm time limit or preemption send first): the current stage
    /// stops, its temporary folder and locks are released, so a requeued or resubmitted task can take the run at once,
    /// on any node. Without it the runtime exits on SIGTERM leaving the locks, which another node only reclaims once stale.
    /// </summary>
    public static Interrupt OnCtrlCOrTerm() => new();

    /// <summary>See <see cref="OnCtrlCOrTerm"/>.</summary>
    internal sealed class Interrupt : IDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly PosixSignalRegistration? _term;
        private volatile bool _terminated;

        public Interrupt()
        {
            Console.CancelKeyPress += OnCancelKey;
            if (!OperatingSystem.IsWindows())
                _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
                {
                    ctx.Cancel = true;
                    _terminated = true;
                    _cts.Cancel();
                });
        }

        public CancellationToken Token => _cts.Token;

        /// <summary>143 (128 + SIGTERM) after SIGTERM, 130 (128 + SIGINT) after Ctrl+C.</summary>
        public int ExitCode => _terminated ? ExitCodes.Terminated : ExitCodes.Interrupted;

        /// <summary>What stopped the command, for the message.</summary>
        public string Cause => _terminated ? "terminated (SIGTERM)" : "interrupted";

        private void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _cts.Cancel();
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancelKey;
            _term?.Dispose();
            _cts.Dispose();
        }
    }
}
