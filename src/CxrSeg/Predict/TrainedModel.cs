using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
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

    /// <summary>Per-class thresholds tuned on validation and stored in the run (<see cref="RunFiles.Thresholds"/>), in class order; null when the run has none.</summary>
    public IReadOnlyList<double>? ClassThresholds { get; init; }

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
    /// Loads a segmentation run folder (or one of its checkpoint folders, or a k-fold run's fold folder) through
    /// <see cref="RunFolder.LoadModel"/>: run.json gives the class names, input size and normalisation;
    /// checkpoint_best/ (else checkpoint_last/) gives spec.json and the weights. Throws a
    /// <see cref="UserFacingException"/> naming the missing or unreadable file, or a run of another task.
    /// </summary>
    public static TrainedModel Load(string runDir, string device = "cpu")
    {
        if (!Directory.Exists(runDir) && !File.Exists(runDir)) throw new UserFacingException($"--model: run folder or exported weights file not found: {runDir}");
        CxrSeg.Platform.DeviceCheck.Require(device);
        var run = RunFolder.LoadModel(runDir);
        if (run.Task != "segment")
        {
            run.Network.Dispose();
            throw new UserFacingException($"--model: {runDir} is a '{run.Task}' run; predict needs a segmentation run");
        }
        run.Normalisation.Validate();
        var dev = new Device(device);
        run.Network.to(dev);
        run.Network.eval();
        return new TrainedModel(run.Network, run.Spec, run.ClassNames, run.InputSize, run.Normalisation, dev, run.CheckpointDir)
        {
            ClassThresholds = run.Thresholds?.Values,
        };
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
