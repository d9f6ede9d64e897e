namespace CxrSeg.Models.Weights;

/// <summary>How a foreign state dict names its tensors.</summary>
public enum StateDictLayout
{
    /// <summary>segmentation_models_pytorch (and this project's export): <c>encoder.*</c>, <c>decoder.*</c>, <c>segmentation_head.*</c>.</summary>
    Smp,

    /// <summary>A torchvision classification network: <c>conv1.*</c>, <c>layer1.*</c> … <c>fc.*</c> (ResNet) or <c>features.*</c>, <c>classifier.*</c> (VGG).</summary>
    Torchvision,
}
