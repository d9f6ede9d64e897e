namespace CxrSeg.Phantoms;

/// <summary>A pixel-space box around one opacity: [X0, X1) × [Y0, Y1).</summary>
public sealed record PhantomBox(int X0, int Y0, int X1, int Y1, OpacityKind Kind)
{
    /// <summary>Box width in pixels.</summary>
    public int Width => X1 - X0;
    /// <summary>Box height in pixels.</summary>
    public int Height => Y1 - Y0;
}
