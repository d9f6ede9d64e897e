using CxrSeg.Data.Cache;
using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Placeholders for the two wiring points of <see cref="TrainCommandRunner"/> until the prepared-set cache
/// (PreparedSet.Open) and the model registry (ModelFactory, WeightTransfer) are connected.
/// </summary>
public static class PendingWiring
{
    /// <summary>Opens a prepared dataset folder (to be: PreparedSet.Open).</summary>
    public static IPreparedSet OpenDataset(string path) =>
        throw new UserFacingException($"opening prepared datasets is not available in this build ({path})");

    /// <summary>The model provider (to be: ModelFactory.Create + WeightTransfer).</summary>
    public static IModelProvider Models { get; } = new Unavailable();

    private sealed class Unavailable : IModelProvider
    {
        public nn.Module<Tensor, Tensor> Create(ModelSpec spec) =>
            throw new UserFacingException($"model '{spec.Architecture}-{spec.Encoder}' cannot be built in this build (model registry not connected)");

        public void Initialise(nn.Module<Tensor, Tensor> model, ModelSpec spec, ModelInit init) { }
    }
}
