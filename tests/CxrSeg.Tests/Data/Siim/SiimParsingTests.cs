using CxrSeg.Data.Siim;

namespace CxrSeg.Tests.Data.Siim;

public sealed class SiimParsingTests
{
    [Fact]
    public void Boxes_PythonLiteralWithSingleQuotes_IsParsed()
    {
        var b = SiimBoxParser.ParseBoxes("[{'x': 789.28836, 'y': 582.43035, 'width': 1026.65662, 'height': 1917.30292}, {'x': -3, 'y': 1e2, 'width': 5, 'height': 6,}]");
        Assert.Equal(2, b.Count);
        Assert.Equal(789.28836, b[0].X, 9);
        Assert.Equal(1917.30292, b[0].Height, 9);
        Assert.Equal((-3.0, 100.0), (b[1].X, b[1].Y));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nan")]
    [InlineData("[]")]
    public void EmptyBoxes_GiveNoBoxes(string text) => Assert.Empty(SiimBoxParser.ParseBoxes(text));

    [Theory]
    [InlineData("[{'x': 1, 'y': 2, 'width': 3}]", "height")]
    [InlineData("[{'x': 1, 'y': 2, 'width': 3, 'height': 4}", "ended")]
    [InlineData("[{'x': __import__('os'), 'y': 2, 'width': 3, 'height': 4}]", "unexpected name")]
    [InlineData("[{'x': 1, 'y': 2, 'width': 3, 'height': 'big'}]", "height")]
    [InlineData("[{x: 1}]", "quoted key")]
    [InlineData("[{'x': 1, 'y': 2, 'width': 3, 'height': 4}] junk", "end of input")]
    [InlineData("[{'x': 1, 'x': 2}]", "duplicate key")]
    public void MalformedBoxes_SayWhatIsWrong(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SiimBoxParser.ParseBoxes(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void LiteralParser_HandlesNestingStringsAndConstants()
    {
        var v = PythonLiteral.Parse("{'a': [1, (2, 3)], \"b\": 'it\\'s', 'c': None, 'd': True, 'e': -inf}");
        var d = Assert.IsType<Dictionary<string, object?>>(v);
        Assert.Equal("it's", d["b"]);
        Assert.Null(d["c"]);
        Assert.Equal(true, d["d"]);
        Assert.Equal(double.NegativeInfinity, d["e"]);
        Assert.Equal(2, Assert.IsType<List<object?>>(d["a"]).Count);
    }

    [Fact]
    public void Label_GroupsOfSixTokens()
    {
        var l = SiimBoxParser.ParseLabel("opacity 1 10 20 110 220 opacity 1 0 0 5 5");
        Assert.Equal(2, l.Count);
        Assert.Equal((10.0, 20.0, 100.0, 200.0), (l[0].Box.X, l[0].Box.Y, l[0].Box.Width, l[0].Box.Height));
        Assert.Equal("none", SiimBoxParser.ParseLabel("none 1 0 0 1 1")[0].Kind);
        Assert.Contains("groups of 6", Assert.Throws<FormatException>(() => SiimBoxParser.ParseLabel("opacity 1 2 3")).Message);
        Assert.Contains("neither", Assert.Throws<FormatException>(() => SiimBoxParser.ParseLabel("lesion 1 0 0 1 1")).Message);
    }

    [Fact]
    public void Clip_KeepsBoxesInsideTheImage()
    {
        Assert.Equal((0, 0, 8, 10), new SiimBox(-4.5, -2, 12.2, 30).Clip(8, 10));
        var (x0, _, x1, _) = new SiimBox(20, 0, 5, 5).Clip(8, 10);
        Assert.Equal(x0, x1);
    }
}
