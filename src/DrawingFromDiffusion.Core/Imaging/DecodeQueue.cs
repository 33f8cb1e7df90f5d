namespace DrawingFromDiffusion.Core.Imaging;

/// <summary>
/// A bounded queue in front of costly decodes (uploads): at most <paramref name="concurrent"/> run at once, at most
/// <paramref name="waiting"/> wait, the rest are turned away at once. When the last one leaves, <paramref name="idle"/>
/// runs (the composition root hands memory back to the OS there).
/// </summary>
public sealed class DecodeQueue(int concurrent, int waiting, Action? idle = null) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(concurrent, concurrent);
    private readonly Lock _gate = new();
    private int _inside;

    /// <summary>Decodes running or waiting now.</summary>
    public int Inside
    {
        get
        {
            lock (_gate)
            {
                return _inside;
            }
        }
    }

    /// <returns>a slot to dispose when done, or null when the queue is full.</returns>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inside >= concurrent + waiting)
            {
                return null;
            }

            _inside++;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(releaseSlot: false);
            throw;
        }

        return new Slot(this);
    }

    public void Dispose() => _slots.Dispose();

    private void Leave(bool releaseSlot)
    {
        if (releaseSlot)
        {
            _slots.Release();
        }

        bool nowIdle;
        lock (_gate)
        {
            nowIdle = --_inside == 0;
        }

        if (nowIdle)
        {
            idle?.Invoke();
        }
    }

    private sealed class Slot(DecodeQueue queue) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                queue.Leave(releaseSlot: true);
            }
        }
    }
}
