namespace CxrSeg.Data.Csv;

/// <summary>One data row of a CSV file with its 1-based line number in the file (header = line 1).</summary>
public sealed class CsvRow
{
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly string[] _fields;

    /// <summary>Creates a row over the header's column map.</summary>
    public CsvRow(string file, int line, IReadOnlyDictionary<string, int> columns, string[] fields)
    {
        File = file;
        Line = line;
        _columns = columns;
        _fields = fields;
    }

    /// <summary>The file the row came from.</summary>
    public string File { get; }

    /// <summary>1-based line of the row.</summary>
    public int Line { get; }

    /// <summary>The field of a (normalised) column, trimmed; throws naming file, line and column when the column is missing.</summary>
    public string this[string column] =>
        _columns.TryGetValue(column, out var i)
            ? (i < _fields.Length ? _fields[i].Trim() : "")
            : throw new UserFacingException($"{File}: column '{column}' is missing from the header");

    /// <summary>Where this row is, for messages: "file line N".</summary>
    public string Where => $"{System.IO.Path.GetFileName(File)} line {Line}";
}
