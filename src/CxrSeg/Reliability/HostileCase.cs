namespace CxrSeg.Reliability;

/// <summary>Which library entry point a hostile case is fed to.</summary>
public enum HostileAction
{
    /// <summary><see cref="Data.Images.GreyImageLoader.Load"/> on a file (what prepare, predict, inspect and convert do).</summary>
    LoadImage,
    /// <summary><see cref="Data.Csv.CsvTable.Read"/> on a file.</summary>
    ReadCsv,
    /// <summary><see cref="Data.Siim.SiimBoxParser.ParseBoxes"/> on a text (the SIIM <c>boxes</c> field).</summary>
    ParseBoxes,
    /// <summary><see cref="Data.DatasetPath.Resolve"/> of a label-file path against the corpus's dataset root.</summary>
    ResolveLabelPath,
    /// <summary><see cref="Data.Cache.PreparedSet.Open"/> on a cache folder.</summary>
    OpenCache,
}

/// <summary>What must happen.</summary>
public enum HostileExpect
{
    /// <summary>The input is fine (a control case): it must be accepted.</summary>
    Accept,
    /// <summary>A clear error (UserFacingException, or FormatException for a field) whose message names the input.</summary>
    Refuse,
    /// <summary>Either outcome, but no crash and no hang: damage inside a compressed codestream that no structural check can see (the decoder may refuse it or return wrong pixels).</summary>
    Survive,
}

/// <summary>
/// One generated hostile input: its failure class (the classes of issue 19), the entry point, the input (a path or a
/// text), the expected outcome, and a word the error message must contain (the file name, field or limit).
/// </summary>
public sealed record HostileCase(string Id, string Class, HostileAction Action, string Input, HostileExpect Expect, string? MustMention);
