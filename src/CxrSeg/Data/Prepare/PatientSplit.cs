using CxrSeg.Data.Cache;
using CxrSeg.Data.Splits;

namespace CxrSeg.Data.Prepare;

/// <summary>The usual split of a pretraining set for <c>prepare</c>: 70/15/15 by patient, with the patient count as a manifest fact.</summary>
public static class PatientSplit
{
    /// <summary>Splits <paramref name="items"/> by their patient ids with <paramref name="seed"/>.</summary>
    public static (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Of(IReadOnlyList<PreparedItem> items, int seed)
    {
        var patients = items.Select(i => i.PatientId).ToArray();
        return (PatientSplitter.Split(patients, seed), new Dictionary<string, object> { ["patients"] = patients.Distinct().Count() });
    }
}
