using System.Globalization;
using System.Text;

namespace CxrSeg.Demo;

/// <summary>
/// The demo's grid file: UNet on resnet18 from random weights; no pretraining, 1-step CheXpert classifier, 1-step SIIM
/// and 2-step CheXpert classifier → SIIM, encoder transfer, <see cref="DemoSizes.Repeats"/> repeats. Its dataset references
/// pin the prepared caches (relative to the workspace), so the grid, its stage ids and its report are reproducible.
/// </summary>
public static class DemoGrid
{
    /// <summary>The strategies the demo compares, in grid-file spelling.</summary>
    public static IReadOnlyList<string> Strategies { get; } = ["none", "chexpert-classifier", "siim", "2step-classifier"];

    /// <summary>Grid name: "demo" on CCXS phantoms, "demo-real-ccxs" on the real CCXS.</summary>
    public static string Name(bool realCcxs) => realCcxs ? "demo-real-ccxs" : "demo";

    /// <summary>The YAML text of the demo grid.</summary>
    /// <param name="sizes">Sizes and budgets.</param>
    /// <param name="datasetRefs">Prepared cache folders relative to the workspace, keyed chexpert / siim / ccxs.</param>
    /// <param name="realCcxs">Whether the final stage trains on the real CCXS.</param>
    public static string Yaml(DemoSizes sizes, IReadOnlyDictionary<string, string> datasetRefs, bool realCcxs)
    {
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var pre = sizes.PretrainStepsPerEpoch > 0 ? $", maxStepsPerEpoch: {I(sizes.PretrainStepsPerEpoch)}" : "";
        var sb = new StringBuilder();
        sb.Append("# Written by `cxrseg demo` (").Append(sizes.Describe()).Append(").\n");
        sb.Append("# Dataset references pin the prepared caches, relative to the demo workspace.\n");
        sb.Append("name: ").Append(Name(realCcxs)).Append('\n');
        sb.Append("datasets:\n");
        foreach (var k in new[] { "chexpert", "siim", "ccxs" }) sb.Append("  ").Append(k).Append(": ").Append(datasetRefs[k].Replace('\\', '/')).Append('\n');
        sb.Append("options:\n");
        sb.Append("  imageSize: ").Append(I(sizes.ImageSize)).Append('\n');
        sb.Append("  batchSize: ").Append(I(sizes.BatchSize)).Append('\n');
        sb.Append("  earlyStoppingPatience: ").Append(I(sizes.Patience)).Append('\n');
        sb.Append("stageOptions:\n");
        sb.Append("  chexpert: { maxEpochs: ").Append(I(sizes.CheXpertEpochs)).Append(pre).Append(" }\n");
        sb.Append("  siim: { maxEpochs: ").Append(I(sizes.SiimEpochs)).Append(pre).Append(" }\n");
        sb.Append("  ccxs: { maxEpochs: ").Append(I(sizes.CcxsEpochs))
          .Append(sizes.CcxsStepsPerRun > 0 ? $", maxStepsPerEpoch: {I(sizes.CcxsStepsPerRun)}" : "").Append(", checkpointEvery: epoch }\n");
        sb.Append("architectures: [unet]\nencoders: [resnet18]\n");
        sb.Append("strategies: [").Append(string.Join(", ", Strategies)).Append("]\n");
        sb.Append("inits: [random]\ntransfers: [").Append(string.Join(", ", sizes.Transfers)).Append("]\n");
        sb.Append("repeats: ").Append(I(sizes.Repeats)).Append('\n');
        sb.Append("seed: 0\nsharedPretraining: true\n");
        return sb.ToString();
    }
}
