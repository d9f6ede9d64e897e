using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>Builds networks from a spec and initialises them; the training engine depends only on this.</summary>
public interface IModelProvider
{
    /// <summary>A new network for the spec.</summary>
    nn.Module<Tensor, Tensor> Create(ModelSpec spec);

    /// <summary>Initialises the weights (random: nothing to do; imagenet; or from a previous run's checkpoint_best).</summary>
    void Initialise(nn.Module<Tensor, Tensor> model, ModelSpec spec, ModelInit init);

    /// <summary>The input normalisation the initial weights require (e.g. their preprocessing, or the parent run's), or null when they leave it to the options.</summary>
    Normalisation? InputNormalisation(ModelSpec spec, ModelInit init) => null;
}
