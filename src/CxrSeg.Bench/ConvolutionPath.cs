namespace CxrSeg.Bench;

/// <summary>
/// One way of running libtorch's CPU convolutions, chosen per process through the environment before libtorch loads.
/// </summary>
/// <param name="Name">Name in tables ("onednn-avx", ...).</param>
/// <param name="Variable">The environment variable that selects it.</param>
/// <param name="Value">Its value.</param>
public sealed record ConvolutionPath(string Name, string Variable, string Value)
{
    /// <summary>The paths compared by the <c>conv-paths</c> suite, today's default first.</summary>
    public static IReadOnlyList<ConvolutionPath> All { get; } =
    [
        new("onednn-avx", "CXRSEG_ONEDNN_ISA", "AVX"),
        new("onednn-avx2", "CXRSEG_ONEDNN_ISA", "AVX2"),
        new("onednn-full-isa", "CXRSEG_ONEDNN_ISA", "native"),
        new("libtorch-native", "CXRSEG_CONV", "native"),
    ];
}
