using System.Diagnostics;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Csv;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Siim;
using CxrSeg.Data;

namespace CxrSeg.Reliability;

/// <summary>
/// Runs hostile cases in this process, each on its own task with a time limit (a case that blocks, e.g. on a FIFO, is
/// reported as timed out rather than hanging the run). A native abort would end the process: surviving the run is
/// itself part of the check.
/// </summary>
public static class HostileCorpusRunner
{
    /// <summary>Runs every case (sequentially, so a runaway case cannot starve the others) and returns the outcomes.</summary>
    public static IReadOnlyList<HostileOutcome> Run(HostileCorpus corpus, TimeSpan perCase) =>
        corpus.Cases.Select(c => Run(corpus, c, perCase)).ToArray();

    /// <summary>Runs one case.</summary>
    public static HostileOutcome Run(HostileCorpus corpus, HostileCase c, TimeSpan perCase)
    {
        var sw = Stopwatch.StartNew();
        var task = Task.Factory.StartNew(() => Execute(corpus, c), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(perCase)) return new HostileOutcome(c, false, null, null, true, sw.Elapsed.TotalSeconds);
        var (ok, error, crash) = task.Result;
        return new HostileOutcome(c, ok, error, crash, false, sw.Elapsed.TotalSeconds);
    }

    private static (bool Ok, string? Error, string? Crash) Execute(HostileCorpus corpus, HostileCase c)
    {
        try
        {
            switch (c.Action)
            {
                case HostileAction.LoadImage: GreyImageLoader.Load(c.Input); break;
                case HostileAction.ReadCsv: CsvTable.Read(c.Input); break;
                case HostileAction.ParseBoxes: SiimBoxParser.ParseBoxes(c.Input); break;
                case HostileAction.ResolveLabelPath: DatasetPath.Resolve(corpus.DatasetRoot, c.Input, "corpus.csv line 2: field 'Filename'", "images"); break;
                case HostileAction.OpenCache: PreparedSet.Open(c.Input).Dispose(); break;
                default: throw new ArgumentOutOfRangeException(nameof(c), c.Action, "unknown action");
            }
            return (true, null, null);
        }
        catch (UserFacingException e) { return (false, e.Message, null); }
        catch (FormatException e) when (c.Action == HostileAction.ParseBoxes) { return (false, e.Message, null); }
        catch (Exception e) { return (false, null, $"{e.GetType().Name}: {e.Message}"); }
    }
}
