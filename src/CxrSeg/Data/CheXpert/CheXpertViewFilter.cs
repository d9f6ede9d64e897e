namespace CxrSeg.Data.CheXpert;

/// <summary>Which CheXpert views are kept.</summary>
public enum CheXpertViewFilter
{
    /// <summary>Frontal views only (AP and PA): the default.</summary>
    Frontal,
    /// <summary>Every view.</summary>
    All,
}
