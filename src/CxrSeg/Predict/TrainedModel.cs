using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxrSeg.Models;
using CxrSeg.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Predict;

/// <summary>
/// A segmentation network with everything needed to feed it: class names, square input size and intensity
/// normalisation. <see cref="Load"/> reads them from a run folder alone (run.json + checkpoint_best/ or
/// checkpoint_last/: spec.json and model.dat). The network is put in evaluation mode on the chosen device.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    private TrainedModel(nn.Module<Tensor, Tensor> network, ModelSpec spec, IReadOnlyList<string> classNames, int inputSize,
        Normalisation normalisation, Device device, string source)
    {
        Network = network;
        Spec = spec;
        ClassNames = classNames;
        InputSize = inputSize;
        Normalisation = normalisation;
        Device = device;
        Source = source;
    }

    /// <summary>The network (evaluation mode, on <see cref="Device"/>).</summary>
    public nn.Module<Tensor, Tensor> Network { get; }

    /// <summary>Architecture, encoder, input channels and output channels.</summary>
    public ModelSpec Spec { get; }

    /// <summary>One name per output channel.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Side of the square input the network was trained on.</summary>
    public int InputSize { get; }

    /// <summary>Intensity normalisation used in training.</summary>
    public Normalisation Normalisation { get; }

    /// <summary>Where the network runs.</summary>
    public Device Device { get; }

    /// <summary>Where it came from (the checkpoint folder, or "memory").</summary>
    public string Source { get; }

    /// <summary>Wraps an in-memory network (tests, benchmarks); it is moved to <paramref name="device"/> and put in evaluation mode.</summary>
    public static TrainedModel FromNetwork(nn.Module<Tensor, Tensor> network, ModelSpec spec, IReadOnlyList<string> classNames,
        int inputSize, Normalisation normalisation, string device = "cpu")
    {
        if (classNames.Count != spec.Classes)
            throw new ArgumentException($"{classNames.Count} class names for a network with {spec.Classes} output channels");
        if (inputSize < 8) throw new ArgumentException($"input size {inputSize} is too small");
        var dev = new Device(device);
        network.to(dev);
        network.eval();
        return new TrainedModel(network, spec, classNames, inputSize, normalisation, dev, "memory");
    }

    /// <summary>
    /// Loads a segmentation run folder: run.json gives the class names, input size and normalisation;
    /// checkpoint_best/ (else checkpoint_last/) gives spec.json and the weights. Throws a
    /// <see cref="UserFacingException"/> naming the missing or unreadable file.
    /// </summary>
    public static TrainedModel Load(string runDir, string device = "cpu")
    {
        if (!Directory.Exists(runDir)) throw new UserFacingException($"--model: run folder not found: {runDir}");
        var manifestPath = Path.Combine(runDir, RunManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            var folds = Directory.GetDirectories(runDir, "fold_*");
            throw new UserFacingException(folds.Length > 0
                ? $"--model: {runDir} is a k-fold run without {RunManifest.FileName}; point --model at one fold folder"
                : $"--model: {manifestPath} not found (not a run folder)");
        }
        JsonNode manifest;
        try { manifest = JsonNode.Parse(File.ReadAllText(manifestPath)) ?? throw new JsonException("empty document"); }
        catch (JsonException e) { throw new UserFacingException($"{manifestPath} is not valid JSON: {e.Message}", e); }

        var task = (string?)manifest["task"] ?? "segment";
        if (task != "segment") throw new UserFacingException($"--model: {runDir} is a '{task}' run; predict needs a segmentation run");
        var classNames = manifest["classNames"]?.AsArray().Select(n => (string?)n ?? "").ToArray()
            ?? throw new UserFacingException($"{manifestPath}: field 'classNames' is missing");
        var size = (int?)manifest["inputSize"] ?? throw new UserFacingException($"{manifestPath}: field 'inputSize' is missing");
        var norm = new Normalisation((double?)manifest["normalisation"]?["mean"] ?? throw new UserFacingException($"{manifestPath}: field 'normalisation.mean' is missing"),
            (double?)manifest["normalisation"]?["std"] ?? throw new UserFacingException($"{manifestPath}: field 'normalisation.std' is missing"));
        norm.Validate();

        var ckpt = CheckpointStore.Exists(runDir, CheckpointStore.Best) ? CheckpointStore.Best
            : CheckpointStore.Exists(runDir, CheckpointStore.Last) ? CheckpointStore.Last
            : throw new UserFacingException($"--model: {runDir} holds no {CheckpointStore.Best}/ or {CheckpointStore.Last}/ with {CheckpointStore.ModelFile}");
        var dir = Path.Combine(runDir, ckpt);
        ModelSpec spec;
        try { spec = CheckpointStore.ReadSpec(dir); }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new UserFacingException($"cannot read {Path.Combine(dir, CheckpointStore.SpecFile)}: {e.Message}", e);
        }
        if (spec.Classes != classNames.Length)
            throw new UserFacingException($"{Path.Combine(dir, CheckpointStore.SpecFile)}: {spec.Classes} output channels but run.json lists {classNames.Length} classes");
        nn.Module<Tensor, Tensor> net;
        try { net = ModelFactory.Create(spec); }
        catch (ArgumentException e) { throw new UserFacingException($"{Path.Combine(dir, CheckpointStore.SpecFile)}: {e.Message}", e); }
        try { CheckpointStore.LoadWeights(dir, net); }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or ExternalException)
        {
            net.Dispose();
            throw new UserFacingException($"cannot load weights {Path.Combine(dir, CheckpointStore.ModelFile)}: {e.Message}", e);
        }
        var dev = new Device(device);
        net.to(dev);
        net.eval();
        return new TrainedModel(net, spec, classNames, size, norm, dev, dir);
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
