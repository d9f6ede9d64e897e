namespace CxrSeg.Models;

/// <summary>The architectures (decoders and heads) and the capability check of an encoder pairing.</summary>
public static class ArchitectureRegistry
{
    /// <summary>Every architecture, in listing order.</summary>
    public static IReadOnlyList<ArchitectureInfo> All { get; } =
    [
        new("unet", false, "[B, Classes, H, W]", "smp Unet: decoder 256-128-64-32-16 with skips, 3×3 head"),
        new("deeplabv3", true, "[B, Classes, H, W]", "smp DeepLabV3: output stride 8, ASPP 12/24/36 + image pooling, ×8 bilinear"),
        new("classifier", false, "[B, Classes]", "global average pool, Dropout(0.2), linear: multi-label logits"),
        new("autoencoder", false, "[B, InChannels, H, W]", "UNet decoder without skips (seeds a UNet decoder), 3×3 head"),
    ];

    /// <summary>Registered names, in listing order.</summary>
    public static IReadOnlyList<string> Names => All.Select(a => a.Name).ToArray();

    /// <summary>Looks an architecture up; throws a <see cref="UserFacingException"/> listing the valid names when unknown.</summary>
    public static ArchitectureInfo Get(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserFacingException($"unknown architecture '{name}'; valid architectures: {string.Join(", ", Names)}");

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
