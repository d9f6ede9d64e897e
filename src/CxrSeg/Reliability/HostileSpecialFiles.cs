using System.Runtime.InteropServices;

namespace CxrSeg.Reliability;

/// <summary>Special files where images or CSVs are expected: named pipes (which block a reader forever), devices, folders, dangling links.</summary>
internal static class HostileSpecialFiles
{
    private const string Special = "special-files";

    public static void Write(string dir, List<HostileCase> cases)
    {
        Directory.CreateDirectory(dir);
        void Case(string name, HostileAction action, string path) =>
            cases.Add(new HostileCase("special/" + name, Special, action, path, HostileExpect.Refuse, name));
        foreach (var name in new[] { "fifo.png", "fifo.jpg", "fifo.dcm", "fifo-no-extension", "fifo.csv" })
        {
            var p = Path.Combine(dir, name);
            if (MkFifo(p, 0x1B6) != 0) throw new IOException($"cannot create the named pipe {p}");
            Case(name, name.EndsWith(".csv", StringComparison.Ordinal) ? HostileAction.ReadCsv : HostileAction.LoadImage, p);
        }
        foreach (var (name, target) in new[] { ("zero.png", "/dev/zero"), ("null.dcm", "/dev/null"), ("urandom.jpg", "/dev/urandom"), ("zero.csv", "/dev/zero") })
        {
            var p = Path.Combine(dir, name);
            File.CreateSymbolicLink(p, target);
            Case(name, name.EndsWith(".csv", StringComparison.Ordinal) ? HostileAction.ReadCsv : HostileAction.LoadImage, p);
        }
        var folder = Path.Combine(dir, "folder.png");
        Directory.CreateDirectory(folder);
        Case("folder.png", HostileAction.LoadImage, folder);
        var dangling = Path.Combine(dir, "dangling.png");
        File.CreateSymbolicLink(dangling, Path.Combine(dir, "does-not-exist.png"));
        Case("dangling.png", HostileAction.LoadImage, dangling);
        Case("missing.dcm", HostileAction.LoadImage, Path.Combine(dir, "missing.dcm"));
        var fifoLink = Path.Combine(dir, "link-to-fifo.png");
        File.CreateSymbolicLink(fifoLink, Path.Combine(dir, "fifo.png"));
        Case("link-to-fifo.png", HostileAction.LoadImage, fifoLink);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_MkFifo", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int MkFifo(string path, int mode);
}
