namespace CxrSeg.Data.Cache;

/// <summary>index.json of a prepared cache: image ids and (pseudonymous where the source is DICOM) patient ids, in cache order.</summary>
public sealed record CacheIndex(string[] Ids, string[] Patients);
