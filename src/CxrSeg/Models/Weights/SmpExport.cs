using CxrSeg.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>
/// Export and import of a network's state dict with smp's key names (<c>encoder.*</c>, <c>decoder.*</c>,
/// <c>segmentation_head.*</c>), as a PyTorch <c>.pth</c> or a <c>.safetensors</c> file (chosen by extension),
/// so a Unet/DeepLabV3 trained here loads into <c>segmentation_models_pytorch</c> with the same encoder, and back.
/// </summary>
public static class SmpExport
{
    /// <summary>Writes every parameter and buffer (atomically) with this project's key names (smp &lt; 0.5 spelling).</summary>
    public static void Export(nn.Module module, string path) =>
        StateDictFile.Write(path, module.state_dict());

    /// <summary>Writes every parameter and buffer (atomically) with the key names of smp release <paramref name="version"/>.</summary>
    public static void Export(SegmentationNetwork network, string path, SmpVersion version) =>
        StateDictFile.Write(path, SmpKeyLayout.ForVersion(network.state_dict(), network.Spec.Architecture, version));

    /// <summary>
    /// Loads a whole state dict strictly: every key of <paramref name="module"/> must be present with its exact
    /// shape and the file must hold no other key; nothing is copied unless everything fits. Both DeepLabV3 decoder
    /// spellings are read (smp &lt; 0.5 <c>decoder.0/1/2.*</c>, smp ≥ 0.5 <c>decoder.aspp/conv/bn.*</c>). Gradients are
    /// re-enabled afterwards.
    /// </summary>
    public static TransferReport Import(nn.Module module, string path)
    {
        var target = module.state_dict();
        var source = SmpKeyLayout.ToProject(StateDictFile.Read(path), target.Keys);
        var problems = new List<string>();
        foreach (var (k, t) in target)
        {
            if (!source.TryGetValue(k, out var s)) problems.Add($"missing {k}");
            else if (!s.shape.SequenceEqual(t.shape)) problems.Add($"{k} has shape [{string.Join(", ", s.shape)}], expected [{string.Join(", ", t.shape)}]");
        }
        problems.AddRange(source.Keys.Where(k => !target.ContainsKey(k)).Select(k => $"unexpected {k}"));
        if (problems.Count > 0)
            throw new UserFacingException($"{path} does not match the network ({problems.Count} problems): {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? "; …" : "")}");
        return WeightTransfer.Apply(source, module, _ => true, firstConvKey: null);
    }
}
