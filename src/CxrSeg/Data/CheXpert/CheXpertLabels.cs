namespace CxrSeg.Data.CheXpert;

/// <summary>The 14 CheXpert observations in the CSV's column order.</summary>
public static class CheXpertLabels
{
    /// <summary>Label names as in the CSV header (with spaces).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Opacity", "Lung Lesion", "Edema",
        "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax", "Pleural Effusion", "Pleural Other",
        "Fracture", "Support Devices",
    ];

    /// <summary>The 19 CSV columns of train.csv / valid.csv.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
        new[] { "Path", "Sex", "Age", "Frontal/Lateral", "AP/PA" }.Concat(All).ToArray();
}
