using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Splits;

/// <summary>A CCXS split and how many test images share a patient with a training image.</summary>
public sealed record CcxsSplitResult(CcxsSplitVariant Variant, DatasetSplits Splits, int TestImagesSharingPatientWithTrain);
