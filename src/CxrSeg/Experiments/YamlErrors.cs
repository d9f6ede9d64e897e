using YamlDotNet.Core;

namespace CxrSeg.Experiments;

/// <summary>Turns a YAML reader's exception into one line that names the file, the line and what is wrong.</summary>
public static class YamlErrors
{
    /// <summary>
    /// "FILE: line N: why". A value of the wrong type keeps the reader's own explanation; a malformed document (for
    /// which the reader reports only an internal state error) gets a plain description of what to check.
    /// </summary>
    public static UserFacingException Describe(string path, YamlException e)
    {
        var why = e.InnerException switch
        {
            null => e.Message,
            InvalidOperationException => "the YAML is malformed here or just before (check braces, brackets, colons and indentation)",
            InvalidCastException => "a plain value where a mapping of keys was expected (is this the right file?)",
            var inner => inner.Message,
        };
        return new UserFacingException($"{path}: line {e.Start.Line}: {why}", e);
    }
}
