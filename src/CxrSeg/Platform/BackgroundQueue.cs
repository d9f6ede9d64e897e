using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CxrSeg.Platform;

/// <summary>
/// Runs work items in the order they were added on one background thread, optionally at low CPU priority
/// (<see cref="LowPriority"/>), with at most <c>capacity</c> items waiting: <see cref="Add"/> blocks while the queue is
/// full, which bounds the memory held by queued items. The first exception an item throws stops the queue (later
/// items are dropped) and is rethrown, with its original stack, by the next <see cref="Add"/> or by
/// <see cref="Complete"/>. <see cref="Dispose"/> without <see cref="Complete"/> drops what is still waiting.
/// </summary>
public sealed class BackgroundQueue : IDisposable
{
    private readonly BlockingCollection<Action> _items;
    private readonly Thread _thread;
    private readonly bool _lowPriority;
    private volatile ExceptionDispatchInfo? _failure;
    private volatile bool _dropping;

    /// <summary>Starts the worker thread.</summary>
    public BackgroundQueue(string name, int capacity, bool lowPriority)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "capacity must be ≥ 1");
        _items = new BlockingCollection<Action>(capacity);
        _lowPriority = lowPriority;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Queues an item (blocks while <c>capacity</c> items wait); rethrows an earlier item's failure.</summary>
    public void Add(Action item)
    {
        _failure?.Throw();
        _items.Add(item);
    }

    /// <summary>Waits until every queued item has run; rethrows the first failure.</summary>
    public void Complete()
    {
        if (!_items.IsAddingCompleted) _items.CompleteAdding();
        _thread.Join();
        _failure?.Throw();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_items.IsAddingCompleted)
        {
            _dropping = true;
            _items.CompleteAdding();
        }
        _thread.Join();
        _items.Dispose();
    }

    private void Loop()
    {
        if (_lowPriority) LowPriority.TryApplyToCurrentThread();
        foreach (var item in _items.GetConsumingEnumerable())
        {
            if (_failure is not null || _dropping) continue;
            try
            {
                item();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
