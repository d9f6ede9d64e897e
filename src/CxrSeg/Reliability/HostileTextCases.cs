namespace CxrSeg.Reliability;

/// <summary>Text cases: SIIM <c>boxes</c> literals (nesting, damage, non-finite values) and label-file paths that try to leave the dataset.</summary>
internal static class HostileTextCases
{
    public static void WriteBoxes(List<HostileCase> cases)
    {
        int n = 0;
        void Case(string cls, string text, HostileExpect expect, string? mention = null) =>
            cases.Add(new HostileCase($"boxes/{++n:000}", cls, HostileAction.ParseBoxes, text, expect, mention ?? (expect == HostileExpect.Refuse ? "boxes" : null)));
        Case("control", "[{'x': 1.5, 'y': 2, 'width': 30, 'height': 40}]", HostileExpect.Accept);
        Case("control", "[{\"x\": 1e2, \"y\": 0, \"width\": 3, \"height\": 4}, {'x': 5, 'y': 6, 'width': 7, 'height': 8},]", HostileExpect.Accept);
        Case("control", "nan", HostileExpect.Accept);
        Case("control", "[]", HostileExpect.Accept);
        foreach (var depth in new[] { 33, 100, 1000, 10_000, 200_000 })
            foreach (var (open, close) in new[] { ("[", "]"), ("(", ")"), ("{'a': ", "}") })
                Case("sizes-and-nesting", string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)), HostileExpect.Refuse, "nested");
        Case("sizes-and-nesting", new string('[', 200_000), HostileExpect.Refuse, "nested");
        foreach (var bad in new[]
                 {
                     "[{'x': 1, 'y': 2, 'width': 3, 'height': 4}", "[{'x': 1, 'y': 2, 'width': 3, 'height': 4}]]", "[{'x': 'unterminated}]",
                     "[{'x': 1, 'y': 2, 'width': 3, 'height': -4}]", "[{'x': nan, 'y': 2, 'width': 3, 'height': 4}]",
                     "[{'x': inf, 'y': 2, 'width': 3, 'height': 4}]", "[{'x': 1e999, 'y': 2, 'width': 3, 'height': 4}]",
                     "[{'x': 1, 'y': 2, 'width': 3}]", "[{'x': 1, 'x': 1, 'y': 2, 'width': 3, 'height': 4}]", "[[1, 2, 3, 4]]",
                     "{'x': 1}", "__import__('os').system('true')", "[{'x': True, 'y': 2, 'width': 3, 'height': 4}]",
                     "[{'x': 1.2.3, 'y': 2, 'width': 3, 'height': 4}]", "[{x: 1}]", "[{'x': 1,, 'y': 2}]", "[\"\\", "[1 2]", "[{'x': None}]",
                     "[{'x': -1e12, 'y': 2, 'width': -3, 'height': 4}]",
                 })
            Case("boxes-damage", bad, HostileExpect.Refuse);
    }

    public static void WritePaths(string root, List<HostileCase> cases)
    {
        var dataset = Path.Combine(root, "dataset");
        var images = Path.Combine(dataset, "images");
        var outside = Path.Combine(root, "outside");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(outside);
        File.WriteAllBytes(Path.Combine(outside, "secret.png"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(images, "inside.png"), [1, 2, 3]);
        File.CreateSymbolicLink(Path.Combine(images, "link-out.png"), Path.Combine(outside, "secret.png"));
        Directory.CreateSymbolicLink(Path.Combine(images, "dir-link-out"), outside);
        File.CreateSymbolicLink(Path.Combine(images, "link-in.png"), Path.Combine(images, "inside.png"));
        int n = 0;
        void Case(string rel, HostileExpect expect, string? mention = "Filename") =>
            cases.Add(new HostileCase($"paths/{++n:00}", "paths-outside-root", HostileAction.ResolveLabelPath, rel, expect, expect == HostileExpect.Refuse ? mention : null));
        Case("inside.png", HostileExpect.Accept);
        Case("link-in.png", HostileExpect.Accept);
        Case("sub/../inside.png", HostileExpect.Accept);
        Case("../images/inside.png", HostileExpect.Accept);
        foreach (var rel in new[]
                 {
                     "../../outside/secret.png", "../../../etc/passwd", "../../outside/../outside/secret.png", "sub/../../../outside/secret.png",
                     Path.Combine(outside, "secret.png"), "/etc/passwd", "//etc/passwd", "link-out.png", "dir-link-out/secret.png",
                     "../..", "../../outside", "images/../../../outside/secret.png", "./../../outside/secret.png", "", "a\0b.png",
                 })
            Case(rel, HostileExpect.Refuse);
    }
}
