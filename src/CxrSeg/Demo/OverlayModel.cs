namespace CxrSeg.Demo;

/// <summary>A trained final stage to show in the overlays: a caption and the stage folder holding checkpoint_best/.</summary>
public sealed record OverlayModel(string Caption, string StageFolder);
