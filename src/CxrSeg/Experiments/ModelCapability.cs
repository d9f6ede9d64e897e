namespace CxrSeg.Experiments;

/// <summary>
/// Asks the model registry whether an architecture can be built on an encoder: returns null when it can, or the
/// reason it cannot (e.g. "vgg16 does not support dilation, which DeepLabV3 needs").
/// </summary>
public delegate string? ModelCapability(string architecture, string encoder);
