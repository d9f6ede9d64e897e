using CxrSeg.Platform;

namespace CxrSeg.Reports;

/// <summary>
/// <c>cxrseg cv</c>: loads the runs of a grid (or a workspace / runs folder), builds the <see cref="CvTable"/> and, when an
/// output folder is given, writes <c>cv.md</c> and <c>cv.csv</c> there.
/// </summary>
public static class CvReport
{
    /// <summary>The comparison, the notes on what was left out, and the files written.</summary>
    public sealed record Result(CvTable Table, IReadOnlyList<string> Notes, IReadOnlyList<string> Files);

    /// <summary>Builds (and writes, with <paramref name="outDir"/>) the cross-validation comparison.</summary>
    public static Result Run(string input, string workspace, string? outDir)
    {
        var notes = new List<string>();
        var runs = RunLoader.Load(input, workspace, notes);
        var table = CvTable.Build(runs, notes);
        var files = new List<string>();
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            var md = Path.Combine(outDir, "cv.md");
            AtomicFile.WriteAllText(md, "# Cross-validation comparison\n\nOut-of-fold IoU %: each fold's model on its own validation fold, pooled over folds, " +
                                        "mean over repeats. The test column is for reference only: choose on CV.\n\n" + table.ToMarkdown());
            var csv = Path.Combine(outDir, "cv.csv");
            AtomicFile.WriteAllText(csv, table.ToCsv());
            files.AddRange([md, csv]);
        }
        return new Result(table, notes, files);
    }
}
