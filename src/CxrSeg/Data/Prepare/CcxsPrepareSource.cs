using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Splits;

namespace CxrSeg.Data.Prepare;

/// <summary>CCXS for <c>prepare</c>: 13 mask channels, unlabelled flags from mask-less rows, the paper's test set.</summary>
public sealed class CcxsPrepareSource : IPrepareSource
{
    private readonly CcxsDataset _ds;
    private readonly IReadOnlyList<CcxsImage> _images;
    private readonly CcxsSplitVariant _variant;

    /// <summary>Reads the index at <paramref name="root"/>.</summary>
    public CcxsPrepareSource(string root, CcxsSplitVariant variant, int limit = 0)
    {
        _ds = CcxsReader.Read(root);
        _images = limit > 0 ? _ds.Images.Take(limit).ToArray() : _ds.Images;
        _variant = variant;
    }

    /// <inheritdoc />
    public string Name => "ccxs";
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => CcxsClasses.Names;
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Mask;
    /// <inheritdoc />
    public int Count => _images.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _ds.Warnings;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["structureRows"] = _ds.Images.Sum(i => i.Regions.Count),
        ["imagesInIndex"] = _ds.Images.Count,
        ["unlabelledImageClassPairs"] = _ds.Images.Sum(i => i.UnlabelledClasses.Count()),
    };
    /// <inheritdoc />
    public string ItemId(int index) => _images[index].FileName;
    /// <inheritdoc />
    public string ItemSource(int index) => _ds.ImagePath(_images[index]);

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var im = _images[index];
        var grey = GreyImageLoader.Load(_ds.ImageFile(im));
        if (grey.Width != im.Width || grey.Height != im.Height)
            throw new UserFacingException($"{im.FileName} is {grey.Width}x{grey.Height} but structure.csv gives Resolution {im.Width}x{im.Height}");
        var box = new Letterbox(im.Width, im.Height, size);
        var (mask, labelled, present) = CcxsMaskBuilder.BuildLetterboxed(_ds, im, box);
        return new PreparedItem(im.FileName, im.PatientId, box.Apply(grey), mask, null, labelled, present);
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed)
    {
        var present = items.Select(i => i.Present).ToArray();
        var patients = items.Select(i => i.PatientId).ToArray();
        var paper = CcxsSplitter.Split(present, patients, seed, CcxsSplitVariant.Paper);
        var disjoint = CcxsSplitter.Split(present, patients, seed, CcxsSplitVariant.PatientDisjoint);
        var chosen = _variant == CcxsSplitVariant.Paper ? paper : disjoint;
        var facts = new Dictionary<string, object>
        {
            ["variant"] = _variant.ToString(),
            ["testImagesSharingPatientWithTrain_paper"] = paper.TestImagesSharingPatientWithTrain,
            ["testImagesSharingPatientWithTrain_patientDisjoint"] = disjoint.TestImagesSharingPatientWithTrain,
            ["uncoveredTestClasses_paper"] = paper.UncoveredClasses.Select(c => CcxsClasses.All[c].Name).ToArray(),
            ["uncoveredTestClasses_patientDisjoint"] = disjoint.UncoveredClasses.Select(c => CcxsClasses.All[c].Name).ToArray(),
            ["testIds"] = chosen.Splits.Test.Select(i => items[i].Id).ToArray(),
            ["otherVariantTestIds"] = (chosen == paper ? disjoint : paper).Splits.Test.Select(i => items[i].Id).ToArray(),
        };
        return (chosen.Splits, facts);
    }
}
