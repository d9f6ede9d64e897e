using CxrSeg.Platform;

namespace CxrSeg.Tests.Platform;

public sealed class BackgroundQueueTests
{
    [Fact]
    public void Items_run_in_order_on_one_other_thread()
    {
        var seen = new List<int>();
        var threads = new HashSet<int>();
        using (var q = new BackgroundQueue("test", capacity: 2, lowPriority: false))
        {
            for (var i = 0; i < 50; i++)
            {
                var k = i;
                q.Add(() =>
                {
                    seen.Add(k);
                    threads.Add(Environment.CurrentManagedThreadId);
                });
            }
            q.Complete();
        }
        Assert.Equal(Enumerable.Range(0, 50), seen);
        Assert.Single(threads);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
    }

    [Fact]
    public void A_failing_item_stops_the_queue_and_its_exception_reaches_the_caller()
    {
        var ran = new List<int>();
        using var q = new BackgroundQueue("test", capacity: 1, lowPriority: false);
        q.Add(() => ran.Add(1));
        q.Add(() => throw new IOException("disk full writing mask_x.png"));
        var e = Record.Exception(() =>
        {
            // later items are dropped; Add or Complete rethrows the first failure
            for (var i = 0; i < 100; i++) q.Add(() => ran.Add(2));
            q.Complete();
        });
        Assert.IsType<IOException>(e);
        Assert.Contains("mask_x.png", e!.Message);
        Assert.Equal([1], ran);
    }

    [Fact]
    public void Add_blocks_while_capacity_items_wait()
    {
        using var gate = new ManualResetEventSlim();
        var ran = 0;
        var q = new BackgroundQueue("test", capacity: 1, lowPriority: false);
        q.Add(() => gate.Wait());             // running
        q.Add(() => Interlocked.Increment(ref ran)); // waiting: the queue is full
        using var added = new ManualResetEventSlim();
        var third = new Thread(() =>
        {
            q.Add(() => Interlocked.Increment(ref ran));
            added.Set();
        });
        third.Start();
        Assert.False(added.Wait(300));         // blocked until the writer takes the next item
        gate.Set();
        Assert.True(added.Wait(5000));
        third.Join();
        q.Complete();
        Assert.Equal(2, ran);
        q.Dispose();
    }

    [Fact]
    public void Dispose_without_complete_drops_the_waiting_items()
    {
        using var gate = new ManualResetEventSlim();
        var ran = 0;
        var q = new BackgroundQueue("test", capacity: 4, lowPriority: false);
        q.Add(() => gate.Wait());
        for (var i = 0; i < 3; i++) q.Add(() => Interlocked.Increment(ref ran));
        var disposing = new Thread(q.Dispose);
        disposing.Start();
        Thread.Sleep(500); // Dispose is waiting on the running item by now
        gate.Set();
        disposing.Join();
        Assert.Equal(0, ran);
    }
}
