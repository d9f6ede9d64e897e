using CxrSeg.Models;

namespace CxrSeg.Experiments;

/// <summary>
/// The capability check grids use by default: asks the model registry whether the architecture can be built
/// on the encoder (DeepLabV3 needs an encoder with a dilated variant; this project's VGG16 has one, see
/// docs/MODELS.md). Unknown names are reported with the valid ones.
/// </summary>
public static class DefaultCapability
{
    /// <summary>The check as a <see cref="ModelCapability"/>.</summary>
    public static readonly ModelCapability Check = (architecture, encoder) =>
    {
        try
        {
            return ArchitectureRegistry.Incompatibility(ArchitectureRegistry.Get(architecture), EncoderRegistry.Get(encoder));
        }
        catch (UserFacingException e)
        {
            return e.Message;
        }
    };
}
