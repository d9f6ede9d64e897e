
namespace CxrSeg.Bench;

/// <summary>The figures of one suite with the machine state around it.</summary>
/// <param name="Suite">Suite name.</param>
/// <param name="Figures">Measured figures.</param>
/// <param name="Threads">libtorch intra-op threads used.</param>
/// <param name="LoadBefore">1-minute load average before the suite.</param>
/// <param name="LoadAfter">1-minute load average after the suite.</param>
/// <param name="Seconds">Wall time of the suite.</param>
/// <param name="Notes">Warnings (busy machine) and remarks.</param>
/// <param name="OtherBusy">Fraction of all cores other processes kept busy just before the suite (0–1).</param>
/// <param name="Repeat">Measurements per figure (the median is reported).</param>
public sealed record BenchSuiteResult(string Suite, IReadOnlyList<BenchFigure> Figures, int Threads, double LoadBefore,
    double LoadAfter, double Seconds, IReadOnlyList<string> Notes, double OtherBusy = 0, int Repeat = 1);
