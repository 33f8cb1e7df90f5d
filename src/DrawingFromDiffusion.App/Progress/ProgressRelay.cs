namespace DrawingFromDiffusion.App.Progress;

/// <summary>
/// Passes each report on at once, on the reporting thread (unlike <see cref="Progress{T}"/>, which posts later and
/// can reorder lines), until <see cref="Close"/>: a stage's timer that fires once more after it returned is dropped.
/// </summary>
public sealed class ProgressRelay<T>(Action<T> report) : IProgress<T>
{
    private volatile bool _closed;

    public void Report(T value)
    {
        if (!_closed)
        {
            report(value);
        }
    }

    public void Close() => _closed = true;
}
