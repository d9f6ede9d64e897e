namespace CxrSeg.Reliability;

/// <summary>
/// The project's own hostile-input corpus (issue 19): generated into a folder by this code, never copied from
/// elsewhere. Classes: DICOM structure (truncations, lying lengths, undefined lengths, broken fragments — the inputs
/// that made GDCM abort), DICOM attributes (colour, palette, frames, bit depths, High Bit, NaN/inf rescale and window),
/// sizes and nesting (huge declared images, deep sequences, deep brackets), PNG/JPEG damage, special files (FIFOs,
/// devices, folders, dangling links), label-file paths leaving the dataset, and damaged prepared caches. Each case
/// has a control twin or the set has controls that must still be accepted.
/// </summary>
public sealed class HostileCorpus
{
    private HostileCorpus(string root, IReadOnlyList<HostileCase> cases)
    {
        Root = root;
        Cases = cases;
    }

    /// <summary>The folder holding the corpus.</summary>
    public string Root { get; }

    /// <summary>The dataset root that label-file paths must stay inside.</summary>
    public string DatasetRoot => Path.Combine(Root, "dataset");

    /// <summary>A file outside <see cref="DatasetRoot"/> that no case may lead to being read.</summary>
    public string OutsideFile => Path.Combine(Root, "outside", "secret.png");

    /// <summary>Every case.</summary>
    public IReadOnlyList<HostileCase> Cases { get; }

    /// <summary>Writes the corpus into <paramref name="root"/> (created; should be empty) and lists its cases.</summary>
    public static HostileCorpus Generate(string root)
    {
        Directory.CreateDirectory(root);
        var cases = new List<HostileCase>();
        HostileDicomCases.Write(Path.Combine(root, "dicom"), cases);
        HostileImageCases.Write(Path.Combine(root, "images"), cases);
        HostileSpecialFiles.Write(Path.Combine(root, "special"), cases);
        HostileTextCases.WriteBoxes(cases);
        HostileTextCases.WritePaths(root, cases);
        HostileCacheCases.Write(Path.Combine(root, "caches"), cases);
        var dup = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"corpus case id {dup.Key} is used twice");
        return new HostileCorpus(root, cases);
    }
}
