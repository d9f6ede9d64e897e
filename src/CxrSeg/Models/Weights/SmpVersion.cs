using System.Globalization;

namespace CxrSeg.Models.Weights;

/// <summary>
/// A segmentation_models_pytorch release line ("0.3", "0.4", "0.5"): which key spelling an export uses. Only
/// DeepLabV3's decoder differs: before 0.5 it is an <c>nn.Sequential</c> (<c>decoder.0/1/2.*</c>), from 0.5 on named
/// children (<c>decoder.aspp/conv/bn.*</c>).
/// </summary>
/// <param name="Major">Major version (0).</param>
/// <param name="Minor">Minor version.</param>
public sealed record SmpVersion(int Major, int Minor)
{
    /// <summary>The current release line, the default of exports.</summary>
    public static SmpVersion Current { get; } = new(0, 5);

    /// <summary>The release lines exports are checked against (listed in errors and help).</summary>
    public static IReadOnlyList<SmpVersion> Known { get; } = [new(0, 3), new(0, 4), new(0, 5)];

    /// <summary>Whether DeepLabV3's decoder has named children (<c>decoder.aspp.*</c>, smp ≥ 0.5).</summary>
    public bool NamedDeepLabDecoder => Major > 0 || Minor >= 5;

    /// <summary>Parses "0.5", "0.4.0", "0.3.3" (the patch is ignored); anything else is a <see cref="UserFacingException"/> naming <paramref name="option"/>.</summary>
    public static SmpVersion Parse(string text, string option = "--smp-version")
    {
        var parts = text.Trim().TrimStart('v').Split('.');
        if (parts.Length is >= 2 and <= 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            && (parts.Length == 2 || int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var v = new SmpVersion(major, minor);
            if (major == 0 && minor >= 3 || major > 0) return v;
        }
        throw new UserFacingException($"{option}: '{text}' is not a supported segmentation_models_pytorch version (use 0.3, 0.4 or 0.5 and later, e.g. 0.5 or 0.3.3)");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
