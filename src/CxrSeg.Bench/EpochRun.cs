
namespace CxrSeg.Bench;

/// <summary>What <see cref="EpochMeasurement.Run"/> observed.</summary>
/// <param name="EpochSeconds">Wall seconds of each epoch (train steps, validation with metrics, checkpoint, history), in order.</param>
/// <param name="RssMiB">Resident set size after each epoch.</param>
/// <param name="PeakRssMiB">Peak resident set size of the process during the run (since the peak was reset, where Linux allows).</param>
/// <param name="StepsPerEpoch">Optimiser steps per epoch.</param>
/// <param name="ValidationBatches">Validation forward passes per epoch.</param>
public sealed record EpochRun(IReadOnlyList<double> EpochSeconds, IReadOnlyList<double> RssMiB, double PeakRssMiB, int StepsPerEpoch, int ValidationBatches);
