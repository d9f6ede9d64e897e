using CxrSeg.Platform;

namespace CxrSeg.Tests.Platform;

public sealed class BufferPoolTests
{
    [Fact]
    public void Rent_gives_exact_lengths_and_reuses_returned_arrays_zeroed()
    {
        var pool = new BufferPool<byte>();
        var a = pool.Rent(1000);
        Assert.Equal(1000, a.Length);
        a.AsSpan().Fill(7);
        pool.Return(a);
        Assert.Equal(1, pool.Held);
        Assert.Equal(999, pool.Rent(999).Length); // another length: a new array
        var b = pool.Rent(1000);
        Assert.Same(a, b);
        Assert.All(b, v => Assert.Equal(0, v));
        Assert.Equal(0, pool.Held);
    }

    [Fact]
    public void Rent_without_clear_keeps_the_old_contents_and_the_pool_is_bounded()
    {
        var pool = new BufferPool<float>(maxPerLength: 2);
        var a = pool.Rent(10);
        a[3] = 1.5f;
        pool.Return(a);
        Assert.Equal(1.5f, pool.Rent(10, clear: false)[3]);
        for (var i = 0; i < 5; i++) pool.Return(new float[10]);
        Assert.Equal(2, pool.Held);
    }
}
