namespace CxrSeg.Data.Prepare;

/// <summary>Progress of a prepare job: items finished (including those found done from an earlier run) of the total.</summary>
public readonly record struct PrepareProgress(int Done, int Total, int Rejected, int Resumed);
