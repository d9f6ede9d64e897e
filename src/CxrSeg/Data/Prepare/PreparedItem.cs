namespace CxrSeg.Data.Prepare;

/// <summary>
/// One image ready for the cache: Size×Size grey bytes, the target (mask C×Size×Size or C labels), per-class
/// labelled flags, and per-class presence at source resolution (a drawn mask pixel or a positive label).
/// </summary>
public sealed record PreparedItem(string Id, string PatientId, byte[] Image, byte[]? Mask, float[]? Labels, byte[] Labelled, byte[] Present);
