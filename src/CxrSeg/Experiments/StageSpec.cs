using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Experiments;

/// <summary>
/// One training stage of a plan: what it trains, on which dataset, with which network and starting weights.
/// Its folder id (<see cref="StageIds"/>) is a hash of these fields, the dataset reference and the id of the stage it starts from.
/// </summary>
/// <param name="Task">classify, reconstruct or segment.</param>
/// <param name="Dataset">Which dataset kind it trains on.</param>
/// <param name="Architecture">"classifier", "autoencoder", "unet" or "deeplabv3".</param>
/// <param name="Encoder">Encoder registry name (e.g. "resnet50").</param>
/// <param name="Init">random / imagenet / file (option initWeights) for a first stage; previous for a later one.</param>
/// <param name="Transfer">What is taken from the previous stage (ignored for a first stage).</param>
/// <param name="Seed">Random seed of this stage.</param>
/// <param name="Options">Training options passed to the executor as-is (image size, epochs, batch size, ...), merged from the plan's defaults.</param>
public sealed record StageSpec(
    TrainTask Task,
    DatasetKind Dataset,
    string Architecture,
    string Encoder,
    InitKind Init,
    TransferMode Transfer,
    int Seed,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field; <paramref name="index"/> is the stage's position in its plan.</summary>
    public void Validate(int index)
    {
        var where = $"stages[{index}]";
        if (string.IsNullOrWhiteSpace(Architecture)) throw new UserFacingException($"{where}.architecture is empty");
        if (string.IsNullOrWhiteSpace(Encoder)) throw new UserFacingException($"{where}.encoder is empty");
        if (index == 0 && Init == InitKind.Previous)
            throw new UserFacingException($"{where}.init: the first stage has no previous stage; use random, imagenet or file");
        if (Init == InitKind.File && !Options.Keys.Any(k => k.Equals("initWeights", StringComparison.OrdinalIgnoreCase)))
            throw new UserFacingException($"{where}.init: file needs the option initWeights: FILE.pth|FILE.safetensors");
        if (index > 0 && Init != InitKind.Previous)
            throw new UserFacingException($"{where}.init: a later stage starts from the previous one; use previous (got {PlanNames.Of(Init)})");
        if (!ArchitectureRegistry.Trains(Architecture, Task))
            throw new UserFacingException($"{where}.architecture: a {PlanNames.Of(Task)} stage needs {string.Join(" or ", ArchitectureRegistry.All.Where(a => a.Task == Task).Select(a => $"'{a.Name}'"))} (got '{Architecture}')");
        if (Task == TrainTask.Segment && Dataset == DatasetKind.CheXpert)
            throw new UserFacingException($"{where}.dataset: CheXpert has no masks; segment on siim or ccxs");
        if (Task != TrainTask.Segment && Dataset != DatasetKind.CheXpert)
            throw new UserFacingException($"{where}.task: {PlanNames.Of(Task)} is only defined on chexpert (got {PlanNames.Of(Dataset)})");
    }

    /// <summary>A short readable name, e.g. "classify-chexpert-resnet50".</summary>
    public string ShortName => $"{PlanNames.Of(Task)}-{PlanNames.Of(Dataset)}-{Architecture}-{Encoder}";
}
