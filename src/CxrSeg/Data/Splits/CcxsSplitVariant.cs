namespace CxrSeg.Data.Splits;

/// <summary>How the CCXS 10-image test set treats patients.</summary>
public enum CcxsSplitVariant
{
    /// <summary>The paper: images chosen regardless of patient (a test image's patient may also be in training).</summary>
    Paper,
    /// <summary>Whole patients go to test, so no test image shares a patient with training.</summary>
    PatientDisjoint,
}
