using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SofaBot.Hosting;
using SofaBot.Storage;
using SofaBot.Tests.Embeddings;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>Each replica's PostgreSQL pool is sized so that replicas together stay under the server's
/// max_connections (20 each by default, not Npgsql's 100), and the faults of a server out of connections are
/// recognised as passing ones, on a real server.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresPoolSizeTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempDirectory _contentRoot = new();
    private readonly RecordingLoggerProvider _logs = new();

    [Fact]
    public async Task By_default_a_replica_opens_at_most_20_connections_and_says_so_at_start()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            using var host = Build(new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = database });
            var store = host.Services.GetRequiredService<IStateStore>();
            await store.SetCursorAsync("telegram:offset", 1, CancellationToken.None);

            var pool = host.Services.GetRequiredService<PostgresDatabase>();
            Assert.Equal(20, new NpgsqlConnectionStringBuilder(pool.ConnectionString).MaxPoolSize);
            Assert.Contains(_logs.Entries, e => e.EventId.Id == 3601 && e.Message.Contains("at most 20 connections (Storage:Postgres:MaxPoolSize)", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task The_setting_sizes_the_pool()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            using var host = Build(new()
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:Postgres:ConnectionString"] = database,
                ["Storage:Postgres:MaxPoolSize"] = "5",
            });

            var pool = host.Services.GetRequiredService<PostgresDatabase>();

            Assert.Equal(5, new NpgsqlConnectionStringBuilder(pool.ConnectionString).MaxPoolSize);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Theory]
    [InlineData("Maximum Pool Size=7")]
    [InlineData("maxpoolsize=7")]
    public async Task A_maximum_pool_size_in_the_connection_string_wins_over_the_setting(string spelled)
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            using var host = Build(new()
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:Postgres:ConnectionString"] = $"{database};{spelled}",
                ["Storage:Postgres:MaxPoolSize"] = "30",
            });

            var pool = host.Services.GetRequiredService<PostgresDatabase>();

            Assert.Equal(7, new NpgsqlConnectionStringBuilder(pool.ConnectionString).MaxPoolSize);
            Assert.Contains(_logs.Entries, e => e.EventId.Id == 3601 && e.Message.Contains("at most 7 connections (Maximum Pool Size in Storage:Postgres:ConnectionString)", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Two_replicas_in_a_burst_stay_within_forty_connections_and_every_query_succeeds()
    {
        var database = await postgres.CreateDatabaseAsync();
        var role = "sofabot_burst_" + Guid.NewGuid().ToString("N")[..8];
        // an ordinary role, as a deployment's: the 3 connections reserved for superusers are not its to take
        await ExecuteAsync(database, $"CREATE ROLE {role} LOGIN; ALTER DATABASE {new NpgsqlConnectionStringBuilder(database).Database} OWNER TO {role}");
        var asRole = new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString;
        try
        {
            await using var first = new PostgresDatabase(asRole);
            await using var second = new PostgresDatabase(asRole);
            var most = 0;
            using var burstOver = new CancellationTokenSource();
            var watching = Task.Run(async () =>
            {
                while (!burstOver.IsCancellationRequested)
                {
                    most = Math.Max(most, await CountConnectionsAsync(database, role));
                    await Task.Delay(20, CancellationToken.None);
                }
            });

            // 60 queries at once on each replica, each holding its connection for 0.2 s: Npgsql's old default pool
            // (100) would open 120 connections, more than PostgreSQL's default max_connections lets a role have (97)
            var queries = Enumerable.Range(0, 120).Select(i => SleepAsync(i % 2 == 0 ? first : second)).ToList();
            var failures = 0;
            foreach (var query in queries)
            {
                try
                {
                    await query;
                }
                catch (NpgsqlException)
                {
                    failures++;
                }
            }

            await burstOver.CancelAsync();
            await watching;

            Assert.Equal(0, failures);
            Assert.InRange(most, 1, 2 * PostgresStorageOptions.DefaultMaxPoolSize);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
            await ExecuteAsync(new NpgsqlConnectionStringBuilder(database) { Database = "postgres" }.ConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task A_role_past_its_connection_limit_gets_too_many_clients_which_is_a_passing_fault()
    {
        var database = await postgres.CreateDatabaseAsync();
        var role = "sofabot_limited_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(database, $"CREATE ROLE {role} LOGIN CONNECTION LIMIT 1");
        try
        {
            // a role's CONNECTION LIMIT refuses the next connection exactly as a full server does: SQLSTATE 53300
            var limited = new NpgsqlConnectionStringBuilder(database) { Username = role, Pooling = false }.ConnectionString;
            await using (var first = new NpgsqlConnection(limited))
            {
                await first.OpenAsync();
                await using var second = new NpgsqlConnection(limited);

                var refused = await Assert.ThrowsAsync<PostgresException>(() => second.OpenAsync());

                Assert.Equal(PostgresErrorCodes.TooManyConnections, refused.SqlState);
                Assert.True(StoreFaults.IsTransient(refused));
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
            await ExecuteAsync(new NpgsqlConnectionStringBuilder(database) { Database = "postgres" }.ConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task A_pool_with_every_connection_in_use_is_a_passing_fault()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            await using var store = new PostgresDatabase(database + ";Timeout=1", maxPoolSize: 1);
            await using var held = await store.OpenAsync(CancellationToken.None);

            var exhausted = await Assert.ThrowsAnyAsync<Exception>(() => store.OpenAsync(CancellationToken.None));

            Assert.Contains("The connection pool has been exhausted", exhausted.Message, StringComparison.Ordinal);
            Assert.True(StoreFaults.IsTransient(exhausted));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static async Task SleepAsync(PostgresDatabase replica)
    {
        await using var connection = await replica.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_sleep(0.2)";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> CountConnectionsAsync(string connectionString, string role)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = @role", connection);
        command.Parameters.AddWithValue("role", role);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private IHost Build(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = _contentRoot.Path,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddProvider(_logs);
        builder.Services.AddSofaBotCore();
        builder.Services.AddSofaBotAdapters();
        return builder.Build();
    }

    public void Dispose()
    {
        _logs.Dispose();
        _contentRoot.Dispose();
    }
}
