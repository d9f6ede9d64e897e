using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace CxrSeg.Cli.Output;

/// <summary>Writes a command's <c>--json</c> document (camelCase, indented, enums as strings) to stdout, unstyled and unwrapped.</summary>
public static class CliJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Serialises <paramref name="value"/> and writes it, followed by a newline, to the current console's output.</summary>
    public static void Write<T>(T value)
    {
        var writer = AnsiConsole.Profile.Out.Writer;
        writer.WriteLine(JsonSerializer.Serialize(value, Options));
        writer.Flush();
    }
}
