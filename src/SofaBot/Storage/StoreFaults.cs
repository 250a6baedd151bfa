using Microsoft.Data.Sqlite;
using Npgsql;

namespace SofaBot.Storage;

/// <summary>Which store failures are worth trying again after a short wait: the database was busy, full of
/// connections, restarting, or chose this transaction to break a deadlock, and the same statement may well succeed a
/// moment later. Everything else (a bad statement, a constraint, a schema newer than this release, cancellation) is a
/// real failure that a retry only repeats.</summary>
/// <remarks>The message handler waits out such a fault (<see cref="Messaging.Patience"/>) rather than marking the
/// message Failed, which is what a burst on PostgreSQL's connections used to do. The exception and its inner
/// exceptions are all looked at, so a wrapped fault counts.</remarks>
internal static class StoreFaults
{
    // SQLite's primary result codes; extended codes (SQLITE_BUSY_SNAPSHOT, ...) keep them in their low byte
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a fault that may pass on its own:
    /// <list type="bullet">
    /// <item>PostgreSQL: <c>53300</c> too_many_connections, <c>57P03</c> cannot_connect_now, <c>57P01</c>/<c>57P02</c>
    /// a server shutting down, class <c>08</c> connection exceptions, <c>40001</c> serialization_failure,
    /// <c>40P01</c> deadlock_detected, and whatever else Npgsql calls transient (a broken or timed-out
    /// connection);</item>
    /// <item>Npgsql's pool exhausted ("The connection pool has been exhausted": every connection of this replica's
    /// pool is in use for longer than the connection timeout);</item>
    /// <item>SQLite: <c>SQLITE_BUSY</c> and <c>SQLITE_LOCKED</c> (another writer held the file beyond the busy
    /// timeout);</item>
    /// <item>a <see cref="TimeoutException"/>.</item>
    /// </list>
    /// An <see cref="OperationCanceledException"/> is never transient: someone asked to stop.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is OperationCanceledException)
            {
                return false;
            }

            if (IsTransientItself(e))
            {
                return true;
            }
        }

        return exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient);
    }

    private static bool IsTransientItself(Exception e) => e switch
    {
        PostgresException postgres => IsTransientState(postgres.SqlState) || postgres.IsTransient,
        // checked before its IsTransient, which does not cover a pool exhausted in every version
        NpgsqlException npgsql => IsPoolExhausted(npgsql) || npgsql.IsTransient,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked,
        TimeoutException => true,
        InvalidOperationException => IsPoolExhausted(e),
        _ => false,
    };

    private static bool IsTransientState(string state) =>
        state is PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected
        || state.StartsWith("08", StringComparison.Ordinal);

    private static bool IsPoolExhausted(Exception e) =>
        e.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal);
}
