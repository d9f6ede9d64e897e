using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CxrSeg.Data.Csv;

/// <summary>
/// Reads a CSV whose header cannot be trusted to name the fields (NIH's Data_Entry_2017.csv and BBox_List_2017.csv have
/// unquoted commas inside header names): the header row is returned as is and data rows are read by position with
/// their 1-based line numbers. Quoting still follows RFC 4180 through CsvHelper.
/// </summary>
public static class PositionalCsv
{
    /// <summary>The header fields and every non-blank data row with its line; a file without a header is a <see cref="UserFacingException"/>.</summary>
    public static (string[] Header, IReadOnlyList<(int Line, string[] Fields)> Rows) Read(string path)
    {
        Platform.RegularFile.Require(path, "CSV file");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read()) throw new UserFacingException($"{path} is empty (no header row)");
        var header = (csv.Parser.Record ?? []).Select(f => f.Trim()).ToArray();
        var rows = new List<(int, string[])>();
        while (csv.Read())
        {
            var fields = csv.Parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((csv.Parser.RawRow, fields.Select(f => f.Trim()).ToArray()));
        }
        return (header, rows);
    }
}
