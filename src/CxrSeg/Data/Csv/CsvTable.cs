using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CxrSeg.Data.Csv;

/// <summary>
/// Reads a CSV with CsvHelper into rows addressed by header name. Rows with a different number of fields than
/// the header, or with broken quoting, are returned in <see cref="Malformed"/> (line and reason) instead of failing the file.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string file, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows, IReadOnlyList<string> malformed)
    {
        File = file;
        Header = header;
        Rows = rows;
        Malformed = malformed;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>Column names after normalisation.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Well-formed rows.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>"file line N: reason" for each row that could not be read.</summary>
    public IReadOnlyList<string> Malformed { get; }

    /// <summary>Reads <paramref name="path"/>; <paramref name="normalise"/> maps each header name (default: trim).</summary>
    public static CsvTable Read(string path, Func<string, string>? normalise = null, IEnumerable<string>? required = null)
    {
        Platform.RegularFile.Require(path, "CSV file");
        normalise ??= s => s.Trim();
        var malformed = new List<string>();
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = a => badData ??= $"bad quoting near '{Short(a.RawRecord)}'",
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read()) throw new UserFacingException($"{path} is empty (no header row)");
        csv.ReadHeader();
        var header = (csv.HeaderRecord ?? []).Select(normalise).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++) columns.TryAdd(header[i], i);
        foreach (var col in required ?? [])
            if (!columns.ContainsKey(col))
                throw new UserFacingException($"{path}: required column '{col}' is missing (header: {string.Join(",", header)})");
        var rows = new List<CsvRow>();
        var name = System.IO.Path.GetFileName(path);
        while (true)
        {
            badData = null;
            bool more;
            try { more = csv.Read(); }
            catch (CsvHelperException e)
            {
                malformed.Add($"{name} line {csv.Parser.RawRow}: {e.GetType().Name}");
                continue;
            }
            if (!more) break;
            int line = csv.Parser.RawRow;
            var fields = csv.Parser.Record ?? [];
            if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
            if (badData is not null) { malformed.Add($"{name} line {line}: {badData}"); continue; }
            // A trailing empty field (header ending in ',') is tolerated; otherwise counts must match.
            if (fields.Length != header.Length && !(fields.Length == header.Length - 1 && header[^1].Length == 0))
            {
                malformed.Add($"{name} line {line}: {fields.Length} fields, the header has {header.Length}");
                continue;
            }
            rows.Add(new CsvRow(path, line, columns, fields));
        }
        return new CsvTable(path, header, rows, malformed);
    }

    private static string Short(string s) => s.Length > 60 ? s[..60] + "…" : s.TrimEnd('\r', '\n');
}
