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

    [Fact]
    public void Held_bytes_stay_under_the_cap_dropping_the_least_recently_returned_length_first()
    {
        var pool = new BufferPool<byte>(maxPerLength: 64, maxBytes: 10_000);
        for (var i = 0; i < 3; i++) pool.Return(new byte[2_000]); // 6,000 bytes of length 2,000
        for (var i = 0; i < 3; i++) pool.Return(new byte[1_500]); // 10,500 > cap: the length-2,000 arrays go first
        Assert.True(pool.HeldBytes <= 10_000, $"{pool.HeldBytes} bytes held");
        Assert.Equal(3 * 1_500 + 2 * 2_000, pool.HeldBytes);
        var a = pool.Rent(1_500);
        Assert.Equal(1_500, a.Length);
        Assert.Equal(2 * 1_500 + 2 * 2_000, pool.HeldBytes);
        pool.Return(new byte[20_000]); // larger than the cap: not kept
        Assert.Equal(2 * 1_500 + 2 * 2_000, pool.HeldBytes);
    }
}
