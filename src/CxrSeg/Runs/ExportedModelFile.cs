using CxrSeg.Models.Weights;
using CxrSeg.Models;

namespace CxrSeg.Runs;

/// <summary>
/// Loads a network exported by <c>cxrseg export</c> (a <c>.pth</c> or <c>.safetensors</c> with smp key names, either
/// DeepLabV3 spelling) together with its <c>FILE.json</c> sidecar, as a <see cref="LoadedRun"/>: the same thing a run
/// folder gives, so predict accepts either as <c>--model</c>.
/// </summary>
public static class ExportedModelFile
{
    /// <summary>Whether <paramref name="path"/> names a weights file (rather than a folder).</summary>
    public static bool IsWeightsFile(string path) =>
        File.Exists(path) && (StateDictFile.IsSafetensors(path) || path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase));

    /// <summary>Rebuilds the network from the sidecar's spec and loads the weights strictly; evaluation mode, on the CPU.</summary>
    public static LoadedRun Load(string weightsPath)
    {
        var meta = ExportSidecar.Read(ExportSidecar.PathFor(weightsPath));
        meta.Spec.Validate();
        var net = ModelFactory.Create(meta.Spec);
        try
        {
            SmpExport.Import(net, weightsPath);
        }
        catch
        {
            net.Dispose();
            throw;
        }
        net.eval();
        return new LoadedRun(net, meta.Spec, meta.ClassNames, meta.InputSize, meta.Normalisation, meta.Task, meta.Threshold, Path.GetFullPath(weightsPath));
    }
}
