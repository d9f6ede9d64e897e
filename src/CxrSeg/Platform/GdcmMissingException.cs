namespace CxrSeg.Platform;

/// <summary>GDCM's bindings or native glue are not installed; the message says what to install.</summary>
public sealed class GdcmMissingException(string message) : Exception(message);
