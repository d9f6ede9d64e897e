using System.Globalization;
using System.Text;

namespace CxrSeg.Data.Siim;

/// <summary>
/// A small tokenizer and recursive-descent parser for the Python literals found in SIIM's <c>boxes</c> column:
/// lists, tuples, dicts, quoted strings (single or double quotes, with backslash escapes), numbers (int, float,
/// exponent, nan/inf), True, False and None. It never evaluates code. Values come back as
/// <see cref="List{T}"/> of object?, <see cref="Dictionary{TKey,TValue}"/> of string → object?, string, double, bool or null.
/// </summary>
public sealed class PythonLiteral
{
    private readonly string _s;
    private readonly int _maxDepth;
    private int _i;
    private int _depth;

    private PythonLiteral(string s, int maxDepth)
    {
        _s = s;
        _maxDepth = maxDepth;
    }

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming the position and what was expected.
    /// Lists, tuples and dicts may nest at most <paramref name="maxDepth"/> levels (default
    /// <see cref="Platform.InputLimits.MaxLiteralDepth"/>), so hostile text cannot overflow the stack.
    /// </summary>
    public static object? Parse(string text, int? maxDepth = null)
    {
        var p = new PythonLiteral(text, maxDepth ?? Platform.InputLimits.MaxLiteralDepth);
        p.Ws();
        var v = p.Value();
        p.Ws();
        if (p._i != p._s.Length) throw p.Error("end of input");
        return v;
    }

    private object? Value()
    {
        Ws();
        if (_i >= _s.Length) throw Error("a value");
        char c = _s[_i];
        if (c is '[' or '(' or '{')
        {
            if (++_depth > _maxDepth)
                throw new FormatException($"brackets nested more than {_maxDepth} levels deep at position {_i} (limit CXRSEG_MAX_LITERAL_DEPTH)");
            var nested = c == '{' ? (object)Dict() : Sequence(c, c == '[' ? ']' : ')');
            _depth--;
            return nested;
        }
        switch (c)
        {
            case '\'':
            case '"': return Str();
        }
        if (c == '-' || c == '+' || c == '.' || char.IsDigit(c)) return Number();
        if (char.IsLetter(c) || c == '_')
        {
            int start = _i;
            while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_')) _i++;
            var word = _s[start.._i];
            return word switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                "nan" or "NaN" => double.NaN,
                "inf" => double.PositiveInfinity,
                _ => throw new FormatException($"unexpected name '{word}' at position {start} (only True, False, None and numbers are literals)"),
            };
        }
        throw Error("a value");
    }

    private List<object?> Sequence(char open, char close)
    {
        Expect(open);
        var list = new List<object?>();
        Ws();
        if (Peek(close)) { _i++; return list; }
        while (true)
        {
            list.Add(Value());
            Ws();
            if (Peek(',')) { _i++; Ws(); if (Peek(close)) { _i++; return list; } continue; }
            Expect(close);
            return list;
        }
    }

    private Dictionary<string, object?> Dict()
    {
        Expect('{');
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        Ws();
        if (Peek('}')) { _i++; return d; }
        while (true)
        {
            Ws();
            int keyAt = _i;
            if (!(Peek('\'') || Peek('"'))) throw Error("a quoted key");
            var key = Str();
            Ws();
            Expect(':');
            var v = Value();
            if (!d.TryAdd(key, v)) throw new FormatException($"duplicate key '{key}' at position {keyAt}");
            Ws();
            if (Peek(',')) { _i++; Ws(); if (Peek('}')) { _i++; return d; } continue; }
            Expect('}');
            return d;
        }
    }

    private string Str()
    {
        char q = _s[_i++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_i >= _s.Length) throw new FormatException($"unterminated string starting before position {_i}");
            char c = _s[_i++];
            if (c == q) return sb.ToString();
            if (c == '\\')
            {
                if (_i >= _s.Length) throw new FormatException("unterminated escape at end of input");
                char e = _s[_i++];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
            }
            else sb.Append(c);
        }
    }

    private double Number()
    {
        int start = _i;
        if (Peek('+') || Peek('-')) _i++;
        if (_i < _s.Length && char.IsLetter(_s[_i]))
        {
            var word = _s[_i..Math.Min(_s.Length, _i + 3)];
            if (word is "inf" or "nan") { _i += 3; return _s[start] == '-' && word == "inf" ? double.NegativeInfinity : word == "inf" ? double.PositiveInfinity : double.NaN; }
        }
        while (_i < _s.Length && (char.IsDigit(_s[_i]) || _s[_i] is '.' or 'e' or 'E' or '_'
                                  || ((_s[_i] is '+' or '-') && (_s[_i - 1] is 'e' or 'E')))) _i++;
        var text = _s[start.._i].Replace("_", "");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"bad number '{_s[start.._i]}' at position {start}");
        return v;
    }

    private void Ws() { while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++; }
    private bool Peek(char c) => _i < _s.Length && _s[_i] == c;

    private void Expect(char c)
    {
        if (!Peek(c)) throw Error($"'{c}'");
        _i++;
    }

    private FormatException Error(string expected) =>
        new(_i >= _s.Length ? $"expected {expected} but the text ended" : $"expected {expected} at position {_i}, found '{_s[_i]}'");
}
