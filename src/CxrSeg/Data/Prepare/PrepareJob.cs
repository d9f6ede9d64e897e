using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CxrSeg.Data.Cache;
using CxrSeg.Platform;

namespace CxrSeg.Data.Prepare;

/// <summary>
/// <c>cxrseg prepare</c>: decodes, converts, letterboxes and rasterises every item of a dataset in parallel into
/// WORKSPACE/prepared/&lt;dataset&gt;/&lt;prep-id&gt;/. Each finished item is first written as a part file, so an
/// interrupted run continues where it stopped and ends with the same cache; a bad item becomes a row of rejects.csv
/// and the job goes on. The cache is assembled (images.u8, masks.u8 or labels.f32, labelled.u8, index.json,
/// splits.json, rejects.csv) and manifest.json is written last: its presence marks a finished preparation, which a
/// later identical run reuses.
/// </summary>
public static class PrepareJob
{
    /// <summary>Version of the cache layout; enters the prep-id.</summary>
    public const int FormatVersion = 1;

    /// <summary>The short hash naming the output folder.</summary>
    public static string PrepId(PrepareOptions o)
    {
        var key = new SortedDictionary<string, object>
        {
            ["format"] = FormatVersion, ["dataset"] = o.Dataset, ["source"] = Path.GetFullPath(o.Source).TrimEnd('/'),
            ["size"] = o.Size, ["seed"] = o.Seed, ["limit"] = o.Limit,
        };
        if (o.Dataset == "chexpert") { key["uncertainty"] = o.Uncertainty.ToString(); key["views"] = o.Views.ToString(); }
        if (o.Dataset == "ieee8023") key["views"] = o.Views.ToString();
        if (o.Dataset == "siim") key["siimMasks"] = o.SiimMasks.ToString();
        if (o.Dataset == "ccxs") key["ccxsSplit"] = o.CcxsSplit.ToString();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(key)));
        return Convert.ToHexStringLower(hash)[..12];
    }

    /// <summary>The output folder for these options.</summary>
    public static string OutputDirectory(PrepareOptions o) => Path.Combine(o.Workspace, "prepared", o.Dataset, PrepId(o));

    /// <summary>Opens the dataset reader for these options.</summary>
    public static IPrepareSource OpenSource(PrepareOptions o) => o.Dataset switch
    {
        "ccxs" => new CcxsPrepareSource(o.Source, o.CcxsSplit, o.Limit),
        "chexpert" => new CheXpertPrepareSource(o.Source, o.Uncertainty, o.Views, o.Limit),
        "siim" => new SiimPrepareSource(o.Source, o.SiimMasks, o.Limit),
        "nih14" => new Nih14PrepareSource(o.Source, o.Limit),
        "chestxdet" => new ChestXDetPrepareSource(o.Source, o.Limit),
        "ieee8023" => new Ieee8023PrepareSource(o.Source, o.Views == CheXpert.CheXpertViewFilter.All, o.Limit),
        "jsrt" => new MaskFolderPrepareSource(Jsrt.JsrtReader.Read(o.Source), o.Limit),
        "masks" => new MaskFolderPrepareSource(MaskFolders.MaskFolderReader.Read(o.Source), o.Limit),
        _ => throw new UserFacingException($"unknown dataset '{o.Dataset}'"),
    };

    /// <summary>Runs (or resumes, or reuses) the preparation.</summary>
    public static PrepareResult Run(PrepareOptions options, Action<PrepareProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        // decoding allocates a large buffer per image: keep freed memory in the process (see MallocTuning)
        Platform.MallocTuning.Apply();
        var started = DateTime.UtcNow;
        var dir = OutputDirectory(options);
        var id = PrepId(options);
        var manifestPath = Path.Combine(dir, "manifest.json");
        if (File.Exists(manifestPath)) return FromManifest(dir, id, manifestPath, started);
        var source = OpenSource(options);
        if (source.Count == 0) throw new UserFacingException($"no {options.Dataset} items found under {options.Source}");
        var parts = Path.Combine(dir, "parts");
        Directory.CreateDirectory(parts);
        WriteOptionsFile(dir, options, id);
        int total = source.Count, done = 0, rejected = 0, resumed = 0;
        var pending = new List<int>();
        for (int i = 0; i < total; i++)
        {
            if (File.Exists(PartFile.ItemPath(parts, i))) resumed++;
            else if (File.Exists(PartFile.RejectPath(parts, i))) { resumed++; rejected++; }
            else pending.Add(i);
        }
        done = resumed;
        progress?.Invoke(new PrepareProgress(done, total, rejected, resumed));
        var gate = new object();
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancel }, i =>
        {
            string? reason = null;
            try
            {
                var item = source.Load(i, options.Size);
                PartFile.WriteItem(PartFile.ItemPath(parts, i), item);
            }
            catch (Exception e) when (e is UserFacingException or IOException or ArgumentException or InvalidOperationException or FormatException or InvalidDataException)
            {
                reason = e is UserFacingException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                AtomicFile.WriteAllText(PartFile.RejectPath(parts, i), reason);
            }
            lock (gate)
            {
                done++;
                if (reason is not null) rejected++;
                progress?.Invoke(new PrepareProgress(done, total, rejected, resumed));
            }
        });
        Assemble(dir, source, options, id);
        Directory.Delete(parts, recursive: true);
        return FromManifest(dir, id, manifestPath, started, resumed);
    }

    private static void WriteOptionsFile(string dir, PrepareOptions o, string id)
    {
        var path = Path.Combine(dir, "options.json");
        if (File.Exists(path)) return;
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(OptionsObject(o, id), Json));
    }

    private static Dictionary<string, object> OptionsObject(PrepareOptions o, string id) => new()
    {
        ["prepId"] = id, ["dataset"] = o.Dataset, ["source"] = Path.GetFullPath(o.Source), ["size"] = o.Size, ["seed"] = o.Seed,
        ["limit"] = o.Limit, ["uncertainty"] = o.Uncertainty.ToString(), ["views"] = o.Views.ToString(),
        ["siimMasks"] = o.SiimMasks.ToString(), ["ccxsSplit"] = o.CcxsSplit.ToString(),
        ["resize"] = "letterbox: aspect kept, scaled so the longer side = size, centred, padded with 0; images linear (mipmapped), masks nearest neighbour",
        ["grey"] = "Y = (299 R + 587 G + 114 B + 500) / 1000 on stored colours; alpha ignored; DICOM: modality LUT, VOI, MONOCHROME1 inversion",
    };

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static void Assemble(string dir, IPrepareSource source, PrepareOptions o, string id)
    {
        var parts = Path.Combine(dir, "parts");
        int c = source.ClassNames.Count, s = o.Size;
        var meta = new List<PreparedItem>();
        var rejects = new List<(int Index, string Id, string Source, string Reason)>();
        var imagesTmp = AtomicFile.TempPathFor(Path.Combine(dir, "images.u8"));
        var targetName = source.Target == TargetKind.Mask ? "masks.u8" : "labels.f32";
        var targetTmp = AtomicFile.TempPathFor(Path.Combine(dir, targetName));
        var labelledTmp = AtomicFile.TempPathFor(Path.Combine(dir, "labelled.u8"));
        var imagesWithClass = new long[c];
        var labelledImages = new long[c];
        var positivePixels = new long[c];
        using (var fi = new FileStream(imagesTmp, FileMode.CreateNew))
        using (var ft = new FileStream(targetTmp, FileMode.CreateNew))
        using (var fl = new FileStream(labelledTmp, FileMode.CreateNew))
        {
            for (int i = 0; i < source.Count; i++)
            {
                var rej = PartFile.RejectPath(parts, i);
                if (File.Exists(rej)) { rejects.Add((i, source.ItemId(i), source.ItemSource(i), File.ReadAllText(rej))); continue; }
                var item = PartFile.ReadItem(PartFile.ItemPath(parts, i));
                if (item.Image.Length != s * s) throw new InvalidDataException($"part {i} has a {item.Image.Length}-byte image, expected {s * s}");
                fi.Write(item.Image);
                if (source.Target == TargetKind.Mask)
                {
                    ft.Write(item.Mask!);
                    for (int k = 0; k < c; k++) positivePixels[k] += item.Mask!.AsSpan(k * s * s, s * s).Count((byte)1);
                }
                else
                {
                    var bytes = new byte[4 * c];
                    for (int k = 0; k < c; k++) BitConverter.TryWriteBytes(bytes.AsSpan(4 * k), item.Labels![k]);
                    ft.Write(bytes);
                }
                fl.Write(item.Labelled);
                for (int k = 0; k < c; k++)
                {
                    if (item.Present[k] != 0) imagesWithClass[k]++;
                    if (item.Labelled[k] != 0) labelledImages[k]++;
                }
                meta.Add(item with { Image = [], Mask = null, Labels = null, PixelHash = Convert.ToHexString(SHA256.HashData(item.Image)) });
            }
        }
        if (meta.Count == 0) throw new UserFacingException($"every {o.Dataset} item was rejected; see the reasons under {parts}");
        File.Move(imagesTmp, Path.Combine(dir, "images.u8"), true);
        File.Move(targetTmp, Path.Combine(dir, targetName), true);
        File.Move(labelledTmp, Path.Combine(dir, "labelled.u8"), true);
        AtomicFile.WriteAllText(Path.Combine(dir, "index.json"), JsonSerializer.Serialize(new CacheIndex(
            meta.Select(m => m.Id).ToArray(), meta.Select(m => m.PatientId).ToArray()), Json));
        var (splits, splitFacts) = source.Split(meta, o.Seed);
        AtomicFile.WriteAllText(Path.Combine(dir, "splits.json"), JsonSerializer.Serialize(splits, Json));
        AtomicFile.Write(Path.Combine(dir, "rejects.csv"), tmp =>
        {
            using var w = new StreamWriter(tmp);
            using var csv = new CsvWriter(w, CultureInfo.InvariantCulture);
            csv.WriteField("index"); csv.WriteField("id"); csv.WriteField("source"); csv.WriteField("reason"); csv.NextRecord();
            foreach (var r in rejects) { csv.WriteField(r.Index); csv.WriteField(r.Id); csv.WriteField(r.Source); csv.WriteField(r.Reason); csv.NextRecord(); }
        });
        var manifest = new CacheManifest
        {
            Format = FormatVersion, Dataset = source.Name, PrepId = id, Size = s, Target = source.Target.ToString(),
            ClassNames = source.ClassNames.ToArray(), Count = meta.Count, Candidates = source.Count, Rejected = rejects.Count,
            TargetFile = targetName, Options = OptionsObject(o, id),
            ImagesWithClass = imagesWithClass, LabelledImages = labelledImages,
            PositivePixelFraction = source.Target == TargetKind.Mask ? positivePixels.Select(p => (double)p / ((double)meta.Count * s * s)).ToArray() : null,
            Warnings = source.Warnings.ToArray(),
            Rejects = rejects.Select(r => $"{r.Id}: {r.Reason}").ToArray(),
            SourceFacts = source.Facts.ToDictionary(k => k.Key, k => k.Value),
            SplitFacts = splitFacts.ToDictionary(k => k.Key, k => k.Value),
            Splits = new Dictionary<string, int> { ["train"] = splits.Train.Count, ["validation"] = splits.Validation.Count, ["test"] = splits.Test.Count, ["partitions"] = splits.Partitions.Count },
        };
        AtomicFile.WriteAllText(Path.Combine(dir, "manifest.json"), JsonSerializer.Serialize(manifest, Json));
    }

    private static PrepareResult FromManifest(string dir, string id, string manifestPath, DateTime started, int? resumed = null)
    {
        var m = JsonSerializer.Deserialize<CacheManifest>(File.ReadAllText(manifestPath))
            ?? throw new UserFacingException($"{manifestPath} is unreadable");
        var splits = JsonSerializer.Deserialize<DatasetSplitsDto>(File.ReadAllText(Path.Combine(dir, "splits.json")))!;
        return new PrepareResult(dir, id, resumed is null, m.Count, m.Rejected, resumed ?? 0, m.Warnings, m.Rejects.Select(r =>
        {
            int k = r.IndexOf(": ", StringComparison.Ordinal);
            return k < 0 ? (r, "") : (r[..k], r[(k + 2)..]);
        }).ToArray(), splits.Train.Length, splits.Validation.Length, splits.Test.Length, splits.Partitions.Length,
            m.SplitFacts.ToDictionary(k => k.Key, k => (object)(k.Value.ToString() ?? "")), DateTime.UtcNow - started);
    }
}
