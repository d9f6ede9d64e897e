
namespace CxrSeg.Stages;

/// <summary>The names of <see cref="TrainProtocol"/>: plain, rotating (also "rotating-9-fold", the paper grid's spelling), kfold (also "k-fold").</summary>
public static class TrainProtocols
{
    /// <summary>Parses a protocol name; errors name <paramref name="label"/> and the valid names.</summary>
    public static TrainProtocol Parse(string value, string label) => value.Trim().ToLowerInvariant() switch
    {
        "plain" => TrainProtocol.Plain,
        "rotating" or "rotating-9-fold" => TrainProtocol.Rotating,
        "kfold" or "k-fold" => TrainProtocol.KFold,
        _ => throw new UserFacingException($"{label}: unknown value '{value}' (valid: plain, rotating, kfold)"),
    };
}
