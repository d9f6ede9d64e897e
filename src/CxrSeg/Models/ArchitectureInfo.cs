using CxrSeg.Stages;

namespace CxrSeg.Models;

/// <summary>One architecture (decoder + head) as data: its name, what it needs from an encoder, what it outputs and learns.</summary>
/// <param name="Name">The <see cref="ModelSpec.Architecture"/> value.</param>
/// <param name="NeedsDilation">Needs an encoder that can run at output stride 8.</param>
/// <param name="Output">Output shape, for listings.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Task">The task it is trained for (a segmentation decoder: segment).</param>
/// <param name="SmpClass">The segmentation_models_pytorch class with the same keys, or null when smp has none.</param>
/// <param name="UnetDecoder">Its decoder has the UNet layout (so a decoder can pass between it and a UNet).</param>
/// <param name="Title">Its name in tables, and a shorter one for narrow columns.</param>
/// <param name="ShortTitle">The shorter table name.</param>
public sealed record ArchitectureInfo(string Name, bool NeedsDilation, string Output, string Description, TrainTask Task, string? SmpClass,
    bool UnetDecoder, string Title, string ShortTitle)
{
    /// <summary>A segmentation decoder (chosen with <c>--decoder</c>), as opposed to the classifier and autoencoder heads.</summary>
    public bool IsDecoder => Task == TrainTask.Segment;
}
