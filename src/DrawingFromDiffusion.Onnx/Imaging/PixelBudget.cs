namespace DrawingFromDiffusion.Onnx.Imaging;

/// <summary>
/// Caps the pixels being decoded at once across worker threads, so a folder of huge images
/// cannot multiply peak memory by the worker count. An image larger than the whole budget
/// waits until it can have the budget to itself.
/// </summary>
internal sealed class PixelBudget(long capacity)
{
    private readonly object _gate = new();
    private long _inUse;

    /// <exception cref="OperationCanceledException">cancelled while waiting for other decodes to finish.</exception>
    public IDisposable Acquire(long pixels, CancellationToken cancellationToken = default)
    {
        var claim = Math.Min(pixels, capacity);
        using var wake = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        });
        lock (_gate)
        {
            while (_inUse + claim > capacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }

            _inUse += claim;
        }

        return new Lease(this, claim);
    }

    private void Release(long claim)
    {
        lock (_gate)
        {
            _inUse -= claim;
            Monitor.PulseAll(_gate);
        }
    }

    private sealed class Lease(PixelBudget owner, long claim) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(claim);
            }
        }
    }
}
