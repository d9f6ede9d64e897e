using System.Globalization;
using CsvHelper;
using CxrSeg.Platform;

namespace CxrSeg.Runs;

/// <summary>Writes history.csv (one row per epoch) atomically with CsvHelper.</summary>
public static class HistoryCsv
{
    /// <summary>Rewrites the whole file from the records.</summary>
    public static void Write(string path, IEnumerable<EpochRecord> records) =>
        AtomicFile.Write(path, tmp =>
        {
            using var w = new StreamWriter(tmp);
            using var csv = new CsvWriter(w, CultureInfo.InvariantCulture);
            csv.WriteRecords(records);
        });

    /// <summary>Reads the file back.</summary>
    public static List<EpochRecord> Read(string path)
    {
        using var r = new StreamReader(path);
        using var csv = new CsvReader(r, CultureInfo.InvariantCulture);
        return csv.GetRecords<EpochRecord>().ToList();
    }
}
