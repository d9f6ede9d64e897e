using CxrSeg.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// The frame of every evaluation loop: the models in evaluation mode and without gradients, the images in batches
/// (each batch's tensors freed after its step), and each model's training mode restored afterwards, even on error.
/// </summary>
internal static class EvaluationPass
{
    /// <summary>Calls <paramref name="body"/> with each batch's image indices and tensors.</summary>
    public static void Batches(IReadOnlyList<nn.Module<Tensor, Tensor>> models, BatchBuilder builder, IReadOnlyList<int> indices, int batchSize,
        Action<int[], Batch> body)
    {
        var wasTraining = models.Select(m => m.training).ToArray();
        foreach (var m in models) m.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < indices.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var idx = indices.Skip(start).Take(batchSize).ToArray();
                body(idx, builder.Build(idx, null));
            }
        }
        finally
        {
            for (var i = 0; i < models.Count; i++) models[i].train(wasTraining[i]);
        }
    }
}
