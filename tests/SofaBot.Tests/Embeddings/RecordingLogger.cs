using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SofaBot.Tests.Embeddings;

/// <summary>One line that was logged.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps every line its loggers write, in memory, for tests to read back.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The warnings logged with the event id.</summary>
    public IReadOnlyList<LogEntry> Warnings(int eventId) =>
        [.. _entries.Where(e => e.Level == LogLevel.Warning && e.EventId.Id == eventId)];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    public ILogger<T> CreateLogger<T>() => new RecordingLogger<T>(this);

    public void Dispose()
    {
    }

    internal void Add(LogEntry entry) => _entries.Enqueue(entry);
}

/// <summary>A logger that writes to a <see cref="RecordingLoggerProvider"/>.</summary>
public class RecordingLogger(RecordingLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        provider.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}

/// <summary>The typed form, for classes that ask for an <see cref="ILogger{TCategoryName}"/>.</summary>
public sealed class RecordingLogger<T>(RecordingLoggerProvider provider) : RecordingLogger(provider, typeof(T).FullName ?? typeof(T).Name), ILogger<T>;
