using System.Globalization;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.Siim;

namespace CxrSeg.Data.Stats;

/// <summary>
/// <c>cxrseg stats</c>: CCXS per-class image counts (the paper's Table 1), CheXpert per-label positive / uncertain /
/// negative / not-mentioned percentages (like the paper's Table 2), SIIM image, box, study-class and patient counts.
/// </summary>
public static class DatasetStats
{
    /// <summary>Computes the tables for <paramref name="dataset"/> read from <paramref name="source"/>.</summary>
    public static IReadOnlyList<StatsTable> Compute(string dataset, string source, CheXpertViewFilter views = CheXpertViewFilter.Frontal) => dataset switch
    {
        "ccxs" => [Ccxs(source)],
        "chexpert" => [CheXpert(source, views)],
        "siim" => Siim(source),
        "nih14" => [Nih14Labels(source)],
        "chestxdet" => [ChestXDet(source)],
        "ieee8023" => [Ieee8023(source, views == CheXpertViewFilter.All)],
        "jsrt" => [MaskFolder(Jsrt.JsrtReader.Read(source))],
        "masks" => [MaskFolder(MaskFolders.MaskFolderReader.Read(source))],
        "prepared" => [MaskContrast.Table(source)],
        _ => throw new UserFacingException($"dataset must be one of {string.Join(", ", Prepare.PrepareOptions.Datasets)}, or prepared (got '{dataset}')"),
    };

    /// <summary>NIH ChestX-ray14: per label, positive images and %; No Finding, patients, views and left-out rows in the notes.</summary>
    public static StatsTable Nih14Labels(string source)
    {
        var ds = global::CxrSeg.Data.Nih14.Nih14Reader.Read(source);
        var good = ds.Records.Where(r => r.Labels is not null).ToArray();
        string Pct(int k) => good.Length == 0 ? "-" : (100.0 * k / good.Length).ToString("0.0", CultureInfo.InvariantCulture);
        var rows = global::CxrSeg.Data.Nih14.Nih14Labels.All.Select((name, i) =>
        {
            var pos = good.Count(r => r.Labels![i] > 0.5f);
            return (IReadOnlyList<string>)[name, I(pos), Pct(pos)];
        }).ToList();
        var none = good.Count(r => r.Labels!.All(v => v == 0));
        rows.Add([global::CxrSeg.Data.Nih14.Nih14Labels.NoFinding, I(none), Pct(none)]);
        var notes = new List<string>
        {
            $"{ds.Records.Count} images, {ds.Records.Select(r => r.PatientId).Distinct().Count()} patients; views: " +
            string.Join(", ", ds.Records.GroupBy(r => r.View).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")),
            $"{ds.RowsWithoutImage} rows of Data_Entry_2017.csv have no image in this folder (left out)",
        };
        notes.AddRange(ds.Records.Where(r => r.Error is not null).Take(20).Select(r => "bad row (a reject in prepare): " + r.Error));
        notes.AddRange(ds.Warnings.Take(20).Select(w => "warning: " + w));
        return new StatsTable("NIH ChestX-ray14: images per label", ["label", "images", "% of images"], rows, notes);
    }

    /// <summary>ChestX-Det + NIH boxes: per class, polygons, boxes, images with the class drawn and images labelled for it.</summary>
    public static StatsTable ChestXDet(string source)
    {
        var items = global::CxrSeg.Data.Nih14.ChestXDetReader.Read(source, out var warnings);
        var classes = global::CxrSeg.Data.Nih14.ChestXDetClasses.All;
        var rows = classes.Select((name, c) => (IReadOnlyList<string>)
        [
            name,
            I(items.Sum(i => i.Shapes.Count(s => s.ClassIndex == c && s.Source == "chestxdet"))),
            I(items.Sum(i => i.Shapes.Count(s => s.ClassIndex == c && s.Source == "nih-box"))),
            I(items.Count(i => i.Shapes.Any(s => s.ClassIndex == c))),
            I(items.Count(i => i.Labelled[c] == 1)),
        ]).ToArray();
        var withPolygons = items.Count(i => i.Labelled[0] == 1);
        var notes = new List<string>
        {
            $"{items.Count} images ({withPolygons} annotated by ChestX-Det, {withPolygons - items.Count(i => i.Labelled[0] == 1 && i.Shapes.Any(s => s.Source == "chestxdet"))} of them with no finding; " +
            $"{items.Count(i => i.Shapes.Any(s => s.Source == "nih-box"))} with NIH boxes), {items.Select(i => i.PatientId).Distinct().Count()} patients",
            "coordinates in NIH's 1024-pixel space, scaled to each image's size",
        };
        notes.AddRange(items.Where(i => i.Error is not null).Take(20).Select(i => "bad entry (a reject in prepare): " + i.Error));
        notes.AddRange(warnings.Take(20).Select(w => "warning: " + w));
        return new StatsTable("ChestX-Det polygons and NIH boxes: per class", ["class", "polygons", "NIH boxes", "images drawn", "images labelled"], rows, notes);
    }

    /// <summary>The COVID-19 collection: per finding label, images and patients; views, unlabelled and left-out rows in the notes.</summary>
    public static StatsTable Ieee8023(string source, bool allViews)
    {
        var ds = global::CxrSeg.Data.Ieee8023.Ieee8023Reader.Read(source, allViews);
        var good = ds.Records.Where(r => r.Error is null).ToArray();
        var rows = ds.Classes.Select(c => (IReadOnlyList<string>)
        [
            c, I(good.Count(r => r.Findings?.Contains(c) == true)), I(good.Where(r => r.Findings?.Contains(c) == true).Select(r => r.PatientId).Distinct().Count()),
        ]).ToList();
        rows.Add(["No Finding", I(good.Count(r => r.Findings is { Count: 0 })), I(good.Where(r => r.Findings is { Count: 0 }).Select(r => r.PatientId).Distinct().Count())]);
        rows.Add(["todo (unlabelled)", I(good.Count(r => r.Findings is null)), I(good.Where(r => r.Findings is null).Select(r => r.PatientId).Distinct().Count())]);
        var notes = new List<string>
        {
            $"{ds.Records.Count} images, {ds.Records.Select(r => r.PatientId).Distinct().Count()} patient groups (ids listed for the same file merged); views: " +
            string.Join(", ", ds.Records.GroupBy(r => r.View.Length == 0 ? "(empty)" : r.View).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")),
            "left out: " + (ds.LeftOut.Count == 0 ? "none" : string.Join(", ", ds.LeftOut.Select(kv => $"{kv.Key} {kv.Value}"))),
        };
        notes.AddRange(ds.Records.Where(r => r.Error is not null).Take(20).Select(r => "bad row (a reject in prepare): " + r.Error));
        notes.AddRange(ds.Warnings.Take(20).Select(w => "warning: " + w));
        return new StatsTable("COVID-19 image data collection: images per finding", ["finding", "images", "patients"], rows, notes);
    }

    /// <summary>A mask-folder dataset (JSRT, own masks): per class, images with a mask file, with a drawn pixel, and without a mask file (unlabelled).</summary>
    public static StatsTable MaskFolder(MaskFolders.MaskFolderDataset ds)
    {
        var drawn = new int[ds.ClassNames.Count];
        var unreadable = new List<string>();
        foreach (var item in ds.Items)
            for (var c = 0; c < ds.ClassNames.Count; c++)
            {
                if (item.MaskPaths[c] is not { } path) continue;
                try
                {
                    var (w, h, _) = Images.SkiaImageDecoder.ReadHeader(path);
                    if (MaskFolders.BinaryMaskFile.Read(path, w, h).AsSpan().IndexOf((byte)1) >= 0) drawn[c]++;
                }
                catch (UserFacingException e) { unreadable.Add(e.Message); }
            }
        var rows = ds.ClassNames.Select((name, c) => (IReadOnlyList<string>)
        [
            name, I(ds.Items.Count(i => i.MaskPaths[c] is not null)), I(drawn[c]), I(ds.Items.Count(i => i.MaskPaths[c] is null)),
        ]).ToArray();
        var notes = new List<string>
        {
            $"{ds.Items.Count} images, {ds.Items.Select(i => i.PatientId).Distinct().Count()} patients, {ds.Items.Sum(i => i.MaskPaths.Count(p => p is not null))} mask files",
            "masks = images with a mask file for the class; drawn = of those, masks with at least one pixel on; unlabelled = images without a mask file (ignored by the loss)",
        };
        notes.AddRange(unreadable.Take(20).Select(u => "unreadable mask: " + u));
        notes.AddRange(ds.Warnings.Take(20).Select(w => "warning: " + w));
        if (ds.Warnings.Count > 20) notes.Add($"… {ds.Warnings.Count - 20} more warnings");
        return new StatsTable($"{ds.Name}: images per class", ["class", "masks", "drawn", "unlabelled"], rows, notes);
    }

    /// <summary>CCXS: per class, annotation rows (the count of the paper's and the upstream README's Table 1), images with a row, images with a drawn mask, images with a mask-less row (class unlabelled there).</summary>
    public static StatsTable Ccxs(string source)
    {
        var ds = CcxsReader.Read(source);
        var rows = CcxsClasses.All.Select(c => (IReadOnlyList<string>)
        [
            c.Index.ToString(CultureInfo.InvariantCulture), c.Name,
            ds.Images.Sum(i => i.Regions.Count(r => r.ClassIndex == c.Index)).ToString(CultureInfo.InvariantCulture),
            ds.Images.Count(i => i.Regions.Any(r => r.ClassIndex == c.Index)).ToString(CultureInfo.InvariantCulture),
            ds.Images.Count(i => i.DrawnClasses.Contains(c.Index)).ToString(CultureInfo.InvariantCulture),
            ds.Images.Count(i => i.UnlabelledClasses.Contains(c.Index)).ToString(CultureInfo.InvariantCulture),
        ]).ToArray();
        var notes = new List<string>
        {
            $"{ds.Images.Count} images, {ds.Images.Select(i => i.PatientId).Distinct().Count()} patients, {ds.Images.Sum(i => i.Regions.Count)} structure.csv rows",
        };
        notes.Add("annotations = structure.csv rows of the class (Table 1 counts these: Right Lung has 100 rows in 99 images); drawn = images with a mask file; unlabelled = images with a mask-less row");
        notes.AddRange(ds.Warnings.Select(w => "warning: " + w));
        return new StatsTable("CCXS: images per class", ["#", "class", "annotations (Table 1)", "images", "drawn", "unlabelled"], rows, notes);
    }

    /// <summary>CheXpert: per label, percentages of positive (1), uncertain (−1), negative (0) and not mentioned (empty).</summary>
    public static StatsTable CheXpert(string source, CheXpertViewFilter views)
    {
        var ds = CheXpertReader.Read(source, views);
        int n = ds.Records.Count;
        string Pct(int k) => n == 0 ? "-" : (100.0 * k / n).ToString("0.0", CultureInfo.InvariantCulture);
        var rows = CheXpertLabels.All.Select((name, i) =>
        {
            int pos = ds.Records.Count(r => r.Raw[i] == 1f), unc = ds.Records.Count(r => r.Raw[i] == -1f), neg = ds.Records.Count(r => r.Raw[i] == 0f);
            return (IReadOnlyList<string>)[name, Pct(pos), Pct(unc), Pct(neg), Pct(n - pos - unc - neg)];
        }).ToArray();
        var notes = new List<string>
        {
            $"{n} images ({ds.Records.Count(r => r.Split == "train")} train.csv, {ds.Records.Count(r => r.Split == "valid")} valid.csv), {ds.Records.Select(r => r.PatientId).Distinct().Count()} patients; views: {views}, {ds.LateralsDropped} lateral images left out",
        };
        notes.AddRange(ds.Warnings.Take(20).Select(w => "warning: " + w));
        if (ds.Warnings.Count > 20) notes.Add($"… {ds.Warnings.Count - 20} more warnings");
        return new StatsTable("CheXpert: label values (% of images)", ["label", "positive %", "uncertain %", "negative %", "not mentioned %"], rows, notes);
    }

    /// <summary>SIIM: box counts and study classes (per study and per image), patients from the DICOM headers when present.</summary>
    public static IReadOnlyList<StatsTable> Siim(string source)
    {
        var ds = SiimReader.Read(source);
        var recs = ds.Records;
        var withBoxes = recs.Where(r => r.Boxes.Count > 0).ToArray();
        var boxesTable = new StatsTable("SIIM: images and boxes", ["item", "count"],
        [
            ["labelled images", I(recs.Count)],
            ["studies", I(recs.Select(r => r.StudyInstanceUid).Distinct().Count())],
            ["images with boxes", I(withBoxes.Length)],
            ["images without boxes (none)", I(recs.Count - withBoxes.Length)],
            ["boxes", I(recs.Sum(r => r.Boxes.Count))],
            ["boxes per image (min–max, images with boxes)", withBoxes.Length == 0 ? "-" : $"{withBoxes.Min(r => r.Boxes.Count)}–{withBoxes.Max(r => r.Boxes.Count)}"],
            ["DICOM files found", I(recs.Count(r => r.DicomPath is not null))],
            ["patients (PatientID from DICOM headers)", PatientCount(recs)],
        ], ds.Warnings.Take(20).Select(w => "warning: " + w).ToArray());
        var studyClass = recs.GroupBy(r => r.StudyInstanceUid).ToDictionary(g => g.Key, g => g.First().StudyClass);
        var classTable = new StatsTable("SIIM: study classes", ["class", "studies", "images", "images with boxes", "boxes"],
            SiimStudyClasses.All.Select((name, c) => (IReadOnlyList<string>)
            [
                name, I(studyClass.Values.Count(v => v == c)), I(recs.Count(r => r.StudyClass == c)),
                I(recs.Count(r => r.StudyClass == c && r.Boxes.Count > 0)), I(recs.Where(r => r.StudyClass == c).Sum(r => r.Boxes.Count)),
            ]).ToArray(), []);
        return [boxesTable, classTable];
    }

    private static string PatientCount(IReadOnlyList<SiimRecord> recs)
    {
        var found = recs.Where(r => r.DicomPath is not null).ToArray();
        if (found.Length == 0) return "- (no DICOMs)";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int unreadable = 0;
        foreach (var r in found)
        {
            try { if (DicomDecoder.ReadPatientId(r.DicomPath!) is { Length: > 0 } p) ids.Add(p); else unreadable++; }
            catch (UserFacingException) { unreadable++; }
        }
        return unreadable == 0 ? I(ids.Count) : $"{ids.Count} ({unreadable} files without a readable PatientID)";
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
