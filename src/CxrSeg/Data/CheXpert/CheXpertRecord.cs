namespace CxrSeg.Data.CheXpert;

/// <summary>One CheXpert image: path relative to the dataset root, patient id, raw label values (1, 0, −1, or null = empty) and the view.</summary>
public sealed record CheXpertRecord(string RelativePath, string PatientId, bool Frontal, string Split, float?[] Raw)
{
    /// <summary>Targets after the uncertainty policy (empty → 0).</summary>
    public float[] Targets(UncertaintyPolicy policy)
    {
        var t = new float[Raw.Length];
        for (int i = 0; i < Raw.Length; i++)
            t[i] = Raw[i] switch
            {
                null => 0f,
                -1f => UncertainIsPositive(policy, i) ? 1f : 0f,
                var v => v > 0.5f ? 1f : 0f,
            };
        return t;
    }

    /// <summary>True when the policy maps label <paramref name="index"/>'s uncertain value to 1.</summary>
    public static bool UncertainIsPositive(UncertaintyPolicy policy, int index) => policy switch
    {
        UncertaintyPolicy.Ones => true,
        UncertaintyPolicy.Zeros => false,
        _ => CheXpertLabels.All[index] is "Atelectasis" or "Edema" or "Pleural Effusion",
    };
}
