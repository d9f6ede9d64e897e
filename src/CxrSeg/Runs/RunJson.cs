using System.Text.Json.Serialization;
using System.Text.Json;

namespace CxrSeg.Runs;

/// <summary>The JSON settings of the run files: indented, camelCase names, enums as camelCase strings.</summary>
public static class RunJson
{
    /// <summary>The settings shared by run.json, checkpoint spec/state files and the export sidecar.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
