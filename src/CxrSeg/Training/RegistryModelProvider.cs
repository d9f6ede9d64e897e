using CxrSeg.Data.Transforms;
using CxrSeg.Models.Networks;
using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// The real <see cref="IModelProvider"/>: networks from <see cref="ModelFactory"/>; initialisation random (nothing to
/// do), a weights file (<see cref="InitWeightsFile"/>: smp or torchvision layout), imagenet (<see cref="ImageNetWeights"/>, from <see cref="ModelInit.ImageNetWeights"/>) or a previous run folder
/// (its <c>checkpoint_best</c>, moved by <see cref="WeightTransfer"/> in the chosen mode). Every parameter requires a
/// gradient afterwards; the trainer builds its optimizer after this call.
/// </summary>
/// <param name="log">Receives one line per initialisation (loaded / skipped / re-initialised counts).</param>
public sealed class RegistryModelProvider(Action<string>? log = null) : IModelProvider
{
    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Create(ModelSpec spec) => ModelFactory.Create(spec);

    /// <inheritdoc />
    public void Initialise(nn.Module<Tensor, Tensor> model, ModelSpec spec, ModelInit init)
    {
        var report = Apply(model, spec, init);
        if (report is null) return;
        foreach (var p in model.parameters()) p.requires_grad_(true);
        log?.Invoke($"init {Describe(init)}: {report.Summary}");
    }

    /// <summary>Parses a transfer mode name: "encoder" or "encoder+decoder".</summary>
    public static Models.Weights.TransferMode ParseTransfer(string name) => name.Trim().ToLowerInvariant() switch
    {
        "encoder" => Models.Weights.TransferMode.Encoder,
        "encoder+decoder" or "encoderdecoder" or "encoder-decoder" => Models.Weights.TransferMode.EncoderDecoder,
        _ => throw new UserFacingException($"--transfer: unknown value '{name}' (valid: encoder, encoder+decoder)"),
    };

    private TransferReport? Apply(nn.Module<Tensor, Tensor> model, ModelSpec spec, ModelInit init)
    {
        switch (init.Source.Trim().ToLowerInvariant())
        {
            case "random":
                return null;
            case "imagenet":
            {
                if (EncoderRegistry.Get(spec.Encoder).BundledImageNet is not null)
                    return BundledImageNetWeights.Load(AsNetwork(model), init.ImageNetWeights);
                if (string.IsNullOrWhiteSpace(init.ImageNetWeights))
                    throw new UserFacingException($"--init imagenet needs --imagenet-weights FILE|DIR: torchvision's file for '{spec.Encoder}' ({TryFileName(spec.Encoder)}); nothing is downloaded at run time (see `cxrseg weights`)");
                return ImageNetWeights.Load(AsNetwork(model), init.ImageNetWeights);
            }
            case var file when InitWeightsFile.Names(file):
            {
                var (layout, report) = InitWeightsFile.Load(model as SegmentationNetwork ?? throw new InvalidOperationException("file initialisation needs a network built by ModelFactory"),
                    init.Source, init.Transfer);
                log?.Invoke($"init {init.Source}: {layout.ToString().ToLowerInvariant()} layout");
                return report;
            }
            default:
            {
                var mode = ParseTransfer(init.Transfer);
                var checkpoint = RunFolder.CheckpointFor(init.Source);
                var sourceSpec = CheckpointStore.ReadSpec(checkpoint);
                if (!string.Equals(sourceSpec.Encoder, spec.Encoder, StringComparison.OrdinalIgnoreCase))
                    throw new UserFacingException($"--init {init.Source}: that run's encoder is '{sourceSpec.Encoder}', this run's is '{spec.Encoder}'; transfer needs the same encoder");
                using var source = ModelFactory.Create(sourceSpec);
                CheckpointStore.LoadWeights(checkpoint, source);
                return WeightTransfer.Transfer(source, model, mode);
            }
        }
    }

    /// <summary>
    /// The input normalisation the initial weights were trained with, when they fix one: the bundled ImageNet weights'
    /// preprocessing, or a previous run's recorded normalisation. Null when the weights leave it to the options.
    /// </summary>
    public Normalisation? InputNormalisation(ModelSpec spec, ModelInit init)
    {
        switch (init.Source.Trim().ToLowerInvariant())
        {
            case "random":
                return null;
            case "imagenet":
                if (EncoderRegistry.Get(spec.Encoder).BundledImageNet is null) return null;
                var (mean, std) = BundledImageNetWeights.Normalisation(init.ImageNetWeights);
                return new Normalisation(mean, std);
            case var file when InitWeightsFile.Names(file):
                // A file exported by cxrseg names its training normalisation beside it; a foreign file keeps the options'.
                return File.Exists(ExportSidecar.PathFor(init.Source)) ? ExportSidecar.Read(ExportSidecar.PathFor(init.Source)).Normalisation : null;
            default:
                return RunFolder.ReadNormalisation(init.Source);
        }
    }

    private static SegmentationNetwork AsNetwork(nn.Module<Tensor, Tensor> model) =>
        model as SegmentationNetwork ?? throw new InvalidOperationException("ImageNet initialisation needs a network built by ModelFactory");

    private static string Describe(ModelInit init) => init.Source switch
    {
        "imagenet" => $"imagenet ({init.ImageNetWeights ?? "bundled"})",
        _ => $"from {init.Source} ({init.Transfer})",
    };

    private static string TryFileName(string encoder)
    {
        try { return EncoderRegistry.Get(encoder).ImageNetFile; }
        catch (UserFacingException) { return "unknown encoder"; }
    }
}
