using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>The application layer's log lines, as dfd prints them: the message alone, one line on stderr.</summary>
internal sealed class StderrLogger : ILogger
{
    public static readonly StderrLogger Instance = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine(formatter(state, exception));
        }
    }
}
