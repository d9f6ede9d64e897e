using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxrSeg.Predict;

/// <summary>
/// Reads back a findings.json written by an earlier run, for <c>--skip-existing</c>: the resumed image keeps its areas
/// and findings in summary.csv, and outputs made by another model are refused instead of being mixed with this run's.
/// </summary>
public static class FindingsReader
{
    /// <summary>The earlier row of an image; throws <see cref="UserFacingException"/> naming the file when it is damaged or was made by another model.</summary>
    public static PredictRow Read(string findingsPath, InputImage input, string modelSource)
    {
        JsonNode? doc;
        try { doc = JsonNode.Parse(File.ReadAllText(findingsPath)); }
        catch (JsonException e) { throw new UserFacingException($"{findingsPath} is damaged ({e.Message}): use --overwrite to predict it again", e); }
        try
        {
            var model = doc?["model"]?.GetValue<string>();
            if (model != modelSource)
                throw new UserFacingException($"{findingsPath} was made with the model {model ?? "(unknown)"}, this run uses {modelSource}: " +
                    "outputs of two models would be mixed in one --out; use another --out, or --overwrite");
            var areas = doc!["classes"]!.AsArray().Select(c => new ClassArea(c!["name"]!.GetValue<string>(), c["pixels"]!.GetValue<long>(),
                c["percent"]?.GetValue<double>() ?? 0)).ToArray();
            var f = doc["findings"]!;
            var burden = f["lungs"]!.AsArray().Select(l => new LungBurden(l!["lung"]!.GetValue<string>(), l["lungPixels"]!.GetValue<long>(),
                l["groundGlassPercent"]?.GetValue<double>(), l["consolidationPercent"]?.GetValue<double>(), l["opacityPercent"]?.GetValue<double>())).ToArray();
            var findings = new Findings(areas, burden, f["totalOpacityPercent"]?.GetValue<double>(), f["effusionPresent"]?.GetValue<bool?>(),
                f["pneumothoraxPresent"]?.GetValue<bool?>(), f["devicesPresent"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray(),
                f["presenceMinPixels"]?.GetValue<long>() ?? 0);
            return new PredictRow(input.Display, input.OutputName, PredictRow.Skipped, "outputs exist", doc["width"]!.GetValue<int>(), doc["height"]!.GetValue<int>(), findings);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new UserFacingException($"{findingsPath} is damaged (a field is missing or of the wrong type): use --overwrite to predict it again", e);
        }
    }
}
