using CxrSeg.Stages;

namespace CxrSeg.Models;

/// <summary>Every encoder × architecture pairing with its parameter count (or why it cannot be built).</summary>
public static class ModelCatalog
{
    /// <summary>One row of the listing.</summary>
    /// <param name="Architecture">Architecture name.</param>
    /// <param name="Encoder">Encoder name.</param>
    /// <param name="Parameters">Trainable parameters, or null when the pairing is impossible.</param>
    /// <param name="Output">Output shape description.</param>
    /// <param name="Note">Why the pairing is impossible, or a remark (e.g. not loadable in smp).</param>
    public sealed record Entry(string Architecture, string Encoder, long? Parameters, string Output, string? Note);

    /// <summary>Builds each pairing once (on the CPU) to count its parameters.</summary>
    public static IReadOnlyList<Entry> List(int inChannels = 1, int classes = 13, Action<Entry>? onEntry = null)
    {
        new ModelSpec("unet", "resnet50", inChannels, classes).Validate();
        Platform.TorchRuntime.Initialize();
        var rows = new List<Entry>();
        foreach (var arch in ArchitectureRegistry.All)
        foreach (var enc in EncoderRegistry.All)
        {
            var why = ArchitectureRegistry.Incompatibility(arch, enc);
            Entry row;
            if (why is not null)
            {
                row = new Entry(arch.Name, enc.Name, null, arch.Output, why);
            }
            else
            {
                using var net = ModelFactory.Create(new ModelSpec(arch.Name, enc.Name, inChannels, classes));
                var note = arch.NeedsDilation && enc.Family == "vgg" ? "this project's design; smp has no VGG DeepLabV3"
                    : arch.Task == TrainTask.Reconstruct ? $"outputs {inChannels} channel(s)" : null;
                row = new Entry(arch.Name, enc.Name, ModelFactory.CountParameters(net), arch.Output, note);
            }
            onEntry?.Invoke(row);
            rows.Add(row);
        }
        return rows;
    }
}
