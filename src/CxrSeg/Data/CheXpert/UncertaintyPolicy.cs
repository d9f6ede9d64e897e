namespace CxrSeg.Data.CheXpert;

/// <summary>How an uncertain (−1) CheXpert label is turned into a 0/1 target.</summary>
public enum UncertaintyPolicy
{
    /// <summary>The paper: U-Ones for Atelectasis, Edema and Pleural Effusion, U-Zeros for the rest.</summary>
    Paper,
    /// <summary>Every uncertain label → 1.</summary>
    Ones,
    /// <summary>Every uncertain label → 0.</summary>
    Zeros,
}
