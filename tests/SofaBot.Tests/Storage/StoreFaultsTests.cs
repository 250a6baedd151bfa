using Microsoft.Data.Sqlite;
using Npgsql;
using SofaBot.Storage;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>Which store failures the message handler may try again: a busy or full database yes, a bad statement or a
/// cancellation no.</summary>
public sealed class StoreFaultsTests
{
    [Theory]
    [InlineData("53300")] // too_many_connections
    [InlineData("57P03")] // cannot_connect_now (starting up, in recovery)
    [InlineData("57P01")] // admin_shutdown
    [InlineData("08006")] // connection_failure
    [InlineData("08001")] // sqlclient_unable_to_establish_sqlconnection
    [InlineData("40001")] // serialization_failure
    [InlineData("40P01")] // deadlock_detected
    public void A_postgres_fault_that_passes_is_transient(string sqlState) =>
        Assert.True(StoreFaults.IsTransient(new PostgresException("said by the server", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("42P01")] // undefined_table
    [InlineData("22P02")] // invalid_text_representation
    [InlineData("42501")] // insufficient_privilege
    public void A_postgres_fault_that_repeats_is_not_transient(string sqlState) =>
        Assert.False(StoreFaults.IsTransient(new PostgresException("said by the server", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Timeouts_and_an_exhausted_pool_are_transient_even_wrapped()
    {
        Assert.True(StoreFaults.IsTransient(new TimeoutException()));
        Assert.True(StoreFaults.IsTransient(new InvalidOperationException("recording the message failed", new TimeoutException())));
        Assert.True(StoreFaults.IsTransient(new InvalidOperationException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 20) or 'Timeout' (currently 15 seconds) in your connection string.")));
        Assert.True(StoreFaults.IsTransient(new AggregateException(new InvalidOperationException("other"), new PostgresException("full", "FATAL", "FATAL", "53300"))));
    }

    [Fact]
    public void Cancellation_and_plain_mistakes_are_not_transient()
    {
        Assert.False(StoreFaults.IsTransient(new OperationCanceledException()));
        Assert.False(StoreFaults.IsTransient(new TaskCanceledException("stopping", new TimeoutException())));
        Assert.False(StoreFaults.IsTransient(new InvalidOperationException("Connection is not open")));
        Assert.False(StoreFaults.IsTransient(new ArgumentException("bad")));
        Assert.False(StoreFaults.IsTransient(new SqliteException("UNIQUE constraint failed", 19)));
    }

    [Theory]
    [InlineData(5)] // SQLITE_BUSY
    [InlineData(6)] // SQLITE_LOCKED
    [InlineData(517)] // SQLITE_BUSY_SNAPSHOT, an extended code of SQLITE_BUSY
    public void A_busy_or_locked_sqlite_file_is_transient(int code) =>
        Assert.True(StoreFaults.IsTransient(new SqliteException("database is locked", code)));

    [Fact]
    public async Task A_real_sqlite_writer_waiting_on_another_past_its_timeout_is_transient()
    {
        using var folder = new TempDirectory();
        var file = $"Data Source={folder.Combine("busy.db")};Pooling=False";
        await using var holder = new SqliteConnection(file);
        await holder.OpenAsync();
        await using (var begin = new SqliteCommand("CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)", holder))
        {
            await begin.ExecuteNonQueryAsync();
        }

        await using var waiter = new SqliteConnection(file);
        await waiter.OpenAsync();
        await using var write = new SqliteCommand("INSERT INTO t VALUES (2)", waiter) { CommandTimeout = 1 };

        var busy = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync());

        Assert.True(StoreFaults.IsTransient(busy), $"SQLite error {busy.SqliteErrorCode}: {busy.Message}");
    }
}
