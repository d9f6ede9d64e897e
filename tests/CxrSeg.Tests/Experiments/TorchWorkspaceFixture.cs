using CxrSeg.Data.Prepare;
using CxrSeg.Phantoms;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

/// <summary>A tiny workspace made by the project's own phantom generator and prepare: CheXpert, SIIM and CCXS at 32².</summary>
public sealed class TorchWorkspaceFixture : IDisposable
{
    private readonly TempDir _dir = new();

    /// <summary>Synthesises and prepares the three datasets once for the test class.</summary>
    public TorchWorkspaceFixture()
    {
        var synth = Path.Combine(_dir.Path, "synth");
        PhantomSynthesizer.Run(new SynthOptions { OutputDir = synth, Seed = 5, CheXpertCount = 24, SiimCount = 8, CcxsCount = 30, Size = 64, Threads = 2 }, null);
        Workspace = Path.Combine(_dir.Path, "ws");
        foreach (var d in new[] { "ccxs", "chexpert", "siim" })
            Prepared[d] = PrepareJob.Run(new PrepareOptions { Dataset = d, Source = Path.Combine(synth, d), Workspace = Workspace, Size = 32, Workers = 2 }).Directory;
    }

    /// <summary>The workspace root (holds prepared/&lt;dataset&gt;/&lt;prep-id&gt;/).</summary>
    public string Workspace { get; }

    /// <summary>Prepared cache folder per dataset name.</summary>
    public Dictionary<string, string> Prepared { get; } = [];

    /// <summary>A scratch folder for a test.</summary>
    public string Scratch(string name)
    {
        var p = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(p);
        return p;
    }

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();
}
