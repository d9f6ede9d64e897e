
namespace CxrSeg.Bench;

/// <summary>One benchmark suite of <c>cxrseg bench</c>.</summary>
public interface IBenchSuite
{
    /// <summary>Name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line: what it measures.</summary>
    string Description { get; }

    /// <summary>Measures and returns the figures (medians over <see cref="BenchContext.Repeat"/>).</summary>
    IReadOnlyList<BenchFigure> Run(BenchContext context);
}
