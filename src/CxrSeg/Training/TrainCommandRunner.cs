using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// The one library call behind <c>cxrseg train</c>: opens the prepared dataset, builds the model spec and
/// networks through an <see cref="IModelProvider"/>, and runs the <see cref="Trainer"/>. The two wiring
/// points (dataset opener, model provider) are constructor arguments, so the cache and model registry plug
/// in here and nowhere else.
/// </summary>
public sealed class TrainCommandRunner(Func<string, IPreparedSet> openDataset, IModelProvider models, Action<string>? log = null)
{
    private readonly Action<string>? _log = log;

    /// <summary>
    /// The production wiring: <see cref="PreparedSources.Open"/> for datasets (a cache folder, or a folder of caches such as
    /// <c>WORKSPACE/prepared/ccxs</c>, whose latest cache is taken; several separated by ':' train as one combined set)
    /// and <see cref="RegistryModelProvider"/> for networks.
    /// </summary>
    public static TrainCommandRunner CreateDefault(Action<string>? log = null) =>
        new(dir => PreparedSources.Open(dir), new RegistryModelProvider(log), log);

    /// <summary>The architecture name a task uses: the decoder for segment, else the registry's architecture for the task.</summary>
    public static string ArchitectureFor(TrainTask task, string decoder) =>
        task == TrainTask.Segment ? decoder : ArchitectureRegistry.For(task, decoder).Name;

    /// <summary>Validates, opens, builds and trains; resumes when the output folder holds a checkpoint.</summary>
    public TrainResult Run(TrainRequest request, ITrainingObserver? observer = null, CancellationToken cancellation = default)
    {
        // Names first: nothing (run.json included) is written for an unknown encoder or architecture, so the corrected
        // command is not refused as "a different run".
        ArchitectureRegistry.Check(new ModelSpec(ArchitectureFor(request.Options.Task, request.Decoder), request.Encoder, 1, 1));
        request = WithWeightsNormalisation(request);
        request.Options.Validate();
        foreach (var folder in PreparedSources.Split(request.DatasetPath))
            if (!Directory.Exists(folder)) throw new UserFacingException($"--dataset: folder not found: {folder}");
        var data = openDataset(request.DatasetPath);
        if (request.Options.Task != TrainTask.Reconstruct && data.ClassNames.Count == 0)
        {
            (data as IDisposable)?.Dispose();
            throw new UserFacingException($"--dataset {request.DatasetPath}: '{data.Name}' has no classes to {request.Options.Task.Name()} " +
                "(sets with masks and sets with labels combine only into images, which only --task reconstruct can train on)");
        }
        var datasetPath = data switch
        {
            PreparedSet ps => ps.Directory,
            CombinedPreparedSet cs => PreparedSources.Join(cs.Parts.Select(p => p is PreparedSet q ? q.Directory : p.Name)),
            _ => Path.GetFullPath(request.DatasetPath),
        };
        var spec = new ModelSpec(ArchitectureFor(request.Options.Task, request.Decoder), request.Encoder, 1,
            request.Options.Task == TrainTask.Reconstruct ? 1 : data.ClassNames.Count);
        spec.Validate();
        var prepIds = data switch
        {
            PreparedSet pset => $"prep-id:{pset.Manifest.PrepId}",
            CombinedPreparedSet cset => "prep-ids:" + string.Join("+", cset.Parts.Select(p => p is PreparedSet q ? q.Manifest.PrepId : "memory")),
            _ => "",
        };
        var description = new RunDescription(datasetPath, prepIds, request.Init.Source,
            request.Init.Source is "random" or "imagenet" ? "" : request.Init.Transfer, request.Options.Task.Name());
        var created = 0;
        nn.Module<Tensor, Tensor> Create()
        {
            // Seeded per network (the k-th call: fold k), so the same seed gives the same initial weights in every process.
            manual_seed(SeedMix.Derive(request.Options.Seed, ++created, 11));
            var m = models.Create(spec);
            models.Initialise(m, spec, request.Init);
            return m;
        }
        try
        {
            return new Trainer().Run(request.Options, data, spec, Create, request.OutDir, observer, description, cancellation);
        }
        finally
        {
            (data as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Initial weights trained on a given input normalisation keep it: the bundled ImageNet weights' preprocessing, or
    /// the parent run's normalisation. It replaces the options' value (and is recorded in run.json); a change is logged.
    /// </summary>
    private TrainRequest WithWeightsNormalisation(TrainRequest request)
    {
        var spec = new ModelSpec(ArchitectureFor(request.Options.Task, request.Decoder), request.Encoder, 1, 1);
        var required = models.InputNormalisation(spec, request.Init);
        if (required is null || required == request.Options.Normalisation) return request;
        _log?.Invoke($"normalisation mean {required.Mean:0.####} std {required.Std:0.####} from the initial weights ({request.Init.Source}) replaces mean {request.Options.Normalisation.Mean:0.####} std {request.Options.Normalisation.Std:0.####}");
        return request with { Options = request.Options with { Normalisation = required } };
    }
}
