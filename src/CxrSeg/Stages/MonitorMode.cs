
namespace CxrSeg.Stages;

/// <summary>Whether a larger or smaller monitored value is better.</summary>
public enum MonitorMode
{
    /// <summary>Larger is better (mIoU, AUROC).</summary>
    Max,
    /// <summary>Smaller is better (losses).</summary>
    Min,
}
