using System.Data.Common;
using Npgsql;

namespace SofaBot.Storage;

/// <summary>How many connections one replica's PostgreSQL pool may open: <c>Maximum Pool Size</c> from the connection
/// string when it names one, else <c>Storage:Postgres:MaxPoolSize</c> (20). Npgsql's own default (100) let two
/// replicas under a burst take every connection PostgreSQL had (its default <c>max_connections</c> is 100), and the
/// next message failed with "too many clients".</summary>
/// <remarks>Per database server: replicas × pool + other clients ≤ <c>max_connections</c> − 3
/// (<c>superuser_reserved_connections</c>). The default 20 fits four replicas (80) with 17 to spare.</remarks>
internal sealed record PostgresPoolSize(string ConnectionString, int MaxPoolSize, bool FromConnectionString)
{
    /// <summary>Where the size came from, for the log line and messages.</summary>
    public string Source => FromConnectionString
        ? $"Maximum Pool Size in {StorageOptions.SectionName}:Postgres:ConnectionString"
        : $"{StorageOptions.SectionName}:Postgres:MaxPoolSize";

    /// <summary>The connection string with <c>Maximum Pool Size</c> set to <paramref name="maxPoolSize"/>, unless it
    /// sets one itself (an operator who wrote it there meant it).</summary>
    public static PostgresPoolSize Of(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (NamesMaxPoolSize(connectionString))
        {
            return new PostgresPoolSize(connectionString, builder.MaxPoolSize, FromConnectionString: true);
        }

        builder.MaxPoolSize = maxPoolSize;
        return new PostgresPoolSize(builder.ConnectionString, maxPoolSize, FromConnectionString: false);
    }

    /// <summary>Whether the connection string itself sets the pool's maximum (<c>Maximum Pool Size</c> or
    /// <c>MaxPoolSize</c>, in any case). Read with the plain builder, which lists only the keys the string has.</summary>
    public static bool NamesMaxPoolSize(string connectionString)
    {
        var plain = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return plain.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE");
    }
}
