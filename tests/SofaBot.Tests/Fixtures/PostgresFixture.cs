using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace SofaBot.Tests.Fixtures;

/// <summary>A real PostgreSQL server for the tests of the PostgreSQL store: the one in <c>PGCI_CONN</c> (set by
/// <c>.ci/run</c>), else a throwaway cluster this fixture starts with <c>tests/scripts/pg-throwaway.sh</c> and stops
/// at the end. Without a server the tests that ask for a database fail, saying how to get one; they never skip.</summary>
public sealed partial class PostgresFixture : IAsyncLifetime
{
    private const string HowToStart =
        "Install PostgreSQL (Debian: apt-get install postgresql) so that tests/scripts/pg-throwaway.sh can start a throwaway cluster, " +
        "or start one yourself and point the tests at it: eval \"$(bash tests/scripts/pg-throwaway.sh start)\" (sets PGCI_CONN)";

    private string? _server;
    private string? _clusterFolder;
    private string? _problem;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("PGCI_CONN");
        try
        {
            _server = string.IsNullOrWhiteSpace(configured) ? await StartClusterAsync() : configured;
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
        }
        catch (Exception e)
        {
            var where = string.IsNullOrWhiteSpace(configured) ? "the throwaway cluster could not be started" : "PGCI_CONN is set but its server cannot be reached";
            _problem = $"No PostgreSQL for the PostgreSQL store's tests: {where} ({e.Message}). {HowToStart}";
            _server = null;
        }
    }

    /// <summary>A new, empty database of its own for one test; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_server is null)
        {
            Assert.Fail(_problem);
        }

        var name = "sofabot_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterFolder is not null)
        {
            await RunScriptAsync("stop", _clusterFolder);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> StartClusterAsync()
    {
        // the script prints shell lines: export PGCI_DIR='...' PGCI_PORT='...' and export PGCI_CONN='...'
        var exports = ExportedVariable().Matches(await RunScriptAsync("start"))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        _clusterFolder = exports.GetValueOrDefault("PGCI_DIR");
        return exports.GetValueOrDefault("PGCI_CONN") ?? throw new InvalidOperationException("pg-throwaway.sh start printed no PGCI_CONN");
    }

    private static async Task<string> RunScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "tests", "scripts", "pg-throwaway.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"pg-throwaway.sh {string.Join(' ', args)} exited with {process.ExitCode}: {(await error).Trim()}");
    }

    [GeneratedRegex(@"(PGCI_\w+)='([^']*)'")]
    private static partial Regex ExportedVariable();
}

/// <summary>The tests that share the PostgreSQL server (each with databases of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
