using System.Text.Json;
using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;

namespace CxrSeg.Reliability;

/// <summary>Damaged prepared caches: wrong JSON types, bogus enum values, out-of-range and overlapping split indices, missing or resized files.</summary>
internal static class HostileCacheCases
{
    private const string Damaged = "damaged-cache";
    private const int N = 4, S = 8, C = 2;

    public static void Write(string dir, List<HostileCase> cases)
    {
        Directory.CreateDirectory(dir);
        int n = 0;
        string Variant(string name, Action<string> damage)
        {
            var d = Path.Combine(dir, $"{++n:00}-{name}");
            WriteGood(d);
            damage(d);
            return d;
        }
        void Case(string name, string mention, Action<string> damage) =>
            cases.Add(new HostileCase($"caches/{name}", Damaged, HostileAction.OpenCache, Variant(name, damage), HostileExpect.Refuse, mention));
        void Json(string d, string file, Action<JsonObject> edit)
        {
            var p = Path.Combine(d, file);
            var node = JsonNode.Parse(File.ReadAllText(p))!.AsObject();
            edit(node);
            File.WriteAllText(p, node.ToJsonString());
        }
        cases.Add(new HostileCase("caches/good", "control", HostileAction.OpenCache, Variant("good", _ => { }), HostileExpect.Accept, null));
        Case("manifest-count-string", "manifest.json", d => Json(d, "manifest.json", j => j["Count"] = "four"));
        Case("manifest-count-zero", "count", d => Json(d, "manifest.json", j => j["Count"] = 0));
        Case("manifest-size-negative", "size", d => Json(d, "manifest.json", j => j["Size"] = -8));
        Case("manifest-size-huge", "size", d => Json(d, "manifest.json", j => j["Size"] = 1_000_000));
        Case("manifest-target-bogus", "target", d => Json(d, "manifest.json", j => j["Target"] = "Bogus"));
        Case("manifest-target-number", "target", d => Json(d, "manifest.json", j => j["Target"] = "7"));
        Case("manifest-classnames-dup", "classNames", d => Json(d, "manifest.json", j => j["ClassNames"] = new JsonArray("Lung", "lung")));
        Case("manifest-classnames-empty", "classNames", d => Json(d, "manifest.json", j => j["ClassNames"] = new JsonArray()));
        Case("manifest-classnames-object", "manifest.json", d => Json(d, "manifest.json", j => j["ClassNames"] = new JsonObject { ["a"] = 1 }));
        Case("manifest-not-json", "manifest.json", d => File.WriteAllText(Path.Combine(d, "manifest.json"), "{ nope"));
        Case("manifest-empty", "manifest.json", d => File.WriteAllText(Path.Combine(d, "manifest.json"), ""));
        Case("index-missing", "index.json", d => File.Delete(Path.Combine(d, "index.json")));
        Case("index-short", "index.json", d => Json(d, "index.json", j => j["Ids"] = new JsonArray("a")));
        Case("index-null", "index.json", d => Json(d, "index.json", j => j["Ids"] = null));
        Case("splits-index-out-of-range", "splits.json", d => Json(d, "splits.json", j => j["Train"] = new JsonArray(0, 1, 99)));
        Case("splits-index-negative", "splits.json", d => Json(d, "splits.json", j => j["Test"] = new JsonArray(-1)));
        Case("splits-overlap", "overlap", d => Json(d, "splits.json", j => j["Test"] = new JsonArray(0)));
        Case("splits-repeat", "splits.json", d => Json(d, "splits.json", j => j["Train"] = new JsonArray(0, 0, 1)));
        Case("splits-null", "splits.json", d => Json(d, "splits.json", j => j["Validation"] = null));
        Case("splits-partition-out-of-range", "partitions", d => Json(d, "splits.json", j => j["Partitions"] = new JsonArray(new JsonArray(0, 12))));
        Case("splits-wrong-type", "splits.json", d => Json(d, "splits.json", j => j["Train"] = "0,1"));
        Case("images-short", "images.u8", d => File.WriteAllBytes(Path.Combine(d, "images.u8"), new byte[7]));
        Case("masks-missing", "masks.u8", d => File.Delete(Path.Combine(d, "masks.u8")));
        Case("labelled-long", "labelled.u8", d => File.WriteAllBytes(Path.Combine(d, "labelled.u8"), new byte[N * C + 1]));
    }

    private static void WriteGood(string d)
    {
        Directory.CreateDirectory(d);
        var m = new CacheManifest
        {
            Format = 1, Dataset = "corpus", PrepId = "000000000000", Size = S, Target = nameof(TargetKind.Mask), ClassNames = ["Lung", "Heart"],
            Count = N, Candidates = N, TargetFile = "masks.u8", ImagesWithClass = new long[C], LabelledImages = new long[C],
        };
        File.WriteAllText(Path.Combine(d, "manifest.json"), JsonSerializer.Serialize(m));
        File.WriteAllText(Path.Combine(d, "index.json"), JsonSerializer.Serialize(new CacheIndex(["a", "b", "c", "d"], ["p1", "p1", "p2", "p3"])));
        File.WriteAllText(Path.Combine(d, "splits.json"), JsonSerializer.Serialize(new DatasetSplitsDto([0, 1], [2], [3], [[0], [1]])));
        File.WriteAllBytes(Path.Combine(d, "images.u8"), new byte[N * S * S]);
        File.WriteAllBytes(Path.Combine(d, "masks.u8"), new byte[N * C * S * S]);
        File.WriteAllBytes(Path.Combine(d, "labelled.u8"), new byte[N * C]);
    }
}
