using Microsoft.Data.Sqlite;
using Npgsql;

namespace SofaBot.Storage;

/// <summary>Whether a store failure is one that time fixes: PostgreSQL refusing connections for now ("too many
/// clients", starting up), a dropped connection, a deadlock, a pool with no connection free, a busy SQLite file.</summary>
internal static class StoreFaults
{
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException { SqlState: "53300" or "57P03" or "40001" or "40P01" } => true,
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        TimeoutException => true,
        _ => false,
    };
}
