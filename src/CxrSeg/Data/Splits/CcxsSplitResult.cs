using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Splits;

/// <summary>A CCXS split, how many test images share a patient with a training image, and the classes the test set could not cover.</summary>
public sealed record CcxsSplitResult(CcxsSplitVariant Variant, DatasetSplits Splits, int TestImagesSharingPatientWithTrain, IReadOnlyList<int> UncoveredClasses);
