namespace CxrSeg.Training;

/// <summary>Where training stands after a step.</summary>
/// <param name="Fold">Fold (k-fold, from 1) or 0.</param>
/// <param name="Folds">Number of folds, or 0.</param>
/// <param name="Epoch">Epoch, from 1.</param>
/// <param name="MaxEpochs">Maximum epochs.</param>
/// <param name="Unit">Run within the epoch, from 1 (rotating protocol; otherwise 1).</param>
/// <param name="Units">Runs per epoch.</param>
/// <param name="StepInUnit">Step within the run, from 1.</param>
/// <param name="StepsInUnit">Steps per run.</param>
/// <param name="GlobalStep">Optimiser steps since the start of this network's training.</param>
/// <param name="Loss">This step's loss.</param>
/// <param name="BestScore">Best monitored value so far, or null.</param>
public sealed record TrainingProgress(int Fold, int Folds, int Epoch, int MaxEpochs, int Unit, int Units,
    int StepInUnit, int StepsInUnit, long GlobalStep, double Loss, double? BestScore);
