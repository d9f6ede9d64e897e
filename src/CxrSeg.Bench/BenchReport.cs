using System.Text.Json.Serialization;
using System.Text.Json;

namespace CxrSeg.Bench;

/// <summary>Everything one <c>cxrseg bench</c> run measured: the JSON file's content.</summary>
/// <param name="Date">UTC date and time of the run.</param>
/// <param name="Machine">Cores, CPU model and operating system.</param>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Settings">Sizes of the suites.</param>
/// <param name="Repeat">Measurements per figure.</param>
/// <param name="Runtime">libtorch, TorchSharp and oneDNN instruction-set facts.</param>
/// <param name="TotalSeconds">Wall time of all suites.</param>
/// <param name="Suites">Each suite's result.</param>
public sealed record BenchReport(string Date, string Machine, string Command, BenchSettings Settings, int Repeat, string Runtime,
    double TotalSeconds, IReadOnlyList<BenchSuiteResult> Suites)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report written by <see cref="ToJson"/>; a file that is not one fails naming the file.</summary>
    public static BenchReport Load(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"bench results file not found: {path}");
        try
        {
            return JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Json)
                   ?? throw new UserFacingException($"{path}: empty bench results file");
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"{path}: not a cxrseg bench results file ({e.Message})", e);
        }
    }

    /// <summary>One line describing this machine: cores, CPU model, operating system.</summary>
    public static string DescribeMachine()
    {
        var cpu = "";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        }
        catch (IOException) { }
        return $"{Environment.ProcessorCount} cores{(cpu.Length > 0 ? ", " + cpu : "")}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
