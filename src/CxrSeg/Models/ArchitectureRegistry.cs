using CxrSeg.Stages;

namespace CxrSeg.Models;

/// <summary>The architectures (decoders and heads) and the capability check of an encoder pairing.</summary>
public static class ArchitectureRegistry
{
    /// <summary>Every architecture, in listing order.</summary>
    public static IReadOnlyList<ArchitectureInfo> All { get; } =
    [
        new("unet", false, "[B, Classes, H, W]", "smp Unet: decoder 256-128-64-32-16 with skips, 3×3 head", TrainTask.Segment, "Unet", true, "UNet", "UNet"),
        new("deeplabv3", true, "[B, Classes, H, W]", "smp DeepLabV3: output stride 8, ASPP 12/24/36 + image pooling, ×8 bilinear", TrainTask.Segment, "DeepLabV3", false, "DeepLabV3", "DLV3"),
        new("classifier", false, "[B, Classes]", "global average pool, Dropout(0.2), linear: multi-label logits", TrainTask.Classify, null, false, "classifier", "classifier"),
        new("autoencoder", false, "[B, InChannels, H, W]", "UNet decoder without skips (seeds a UNet decoder), 3×3 head", TrainTask.Reconstruct, null, true, "autoencoder", "autoencoder"),
    ];

    /// <summary>Registered names, in listing order.</summary>
    public static IReadOnlyList<string> Names => All.Select(a => a.Name).ToArray();

    /// <summary>The segmentation decoders (chosen with <c>--decoder</c> and a grid's <c>architectures</c>).</summary>
    public static IReadOnlyList<string> Decoders => All.Where(a => a.IsDecoder).Select(a => a.Name).ToArray();

    /// <summary>Whether <paramref name="name"/> is exactly (case-sensitive, as plans write it) the name of an architecture trained for <paramref name="task"/>.</summary>
    public static bool Trains(string name, TrainTask task) => All.Any(a => a.Task == task && a.Name == name);

    /// <summary>The architecture of that name (case-insensitive), or null.</summary>
    public static ArchitectureInfo? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The architecture that trains <paramref name="task"/>: the given segmentation decoder for segment, the classifier or autoencoder otherwise.</summary>
    public static ArchitectureInfo For(TrainTask task, string decoder) =>
        task == TrainTask.Segment ? Get(decoder) : All.First(a => a.Task == task);

    /// <summary>Looks an architecture up; throws a <see cref="UserFacingException"/> listing the valid names when unknown.</summary>
    public static ArchitectureInfo Get(string name) =>
        Find(name) ?? throw new UserFacingException($"unknown architecture '{name}'; valid architectures: {string.Join(", ", Names)}");

    /// <summary>The reason this pairing cannot be built, or null when it can.</summary>
    public static string? Incompatibility(ArchitectureInfo architecture, EncoderInfo encoder)
    {
        if (architecture.NeedsDilation && !encoder.SupportsDilation)
        {
            var ok = EncoderRegistry.All.Where(e => e.SupportsDilation).Select(e => e.Name);
            return $"{architecture.Name} needs an encoder that supports dilation (output stride 8); '{encoder.Name}' does not. Encoders that do: {string.Join(", ", ok)}";
        }
        return null;
    }

    /// <summary>Validates a spec: names exist, the pairing is possible; throws a <see cref="UserFacingException"/> with the reason otherwise.</summary>
    public static (ArchitectureInfo Architecture, EncoderInfo Encoder) Check(ModelSpec spec)
    {
        try { spec.Validate(); }
        catch (ArgumentException e) { throw new UserFacingException(e.Message, e); }
        var arch = Get(spec.Architecture);
        var enc = EncoderRegistry.Get(spec.Encoder);
        var why = Incompatibility(arch, enc);
        if (why is not null) throw new UserFacingException(why);
        return (arch, enc);
    }
}
