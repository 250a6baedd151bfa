using System.Text.RegularExpressions;
using Npgsql;

namespace SofaBot.Tests.Fixtures;

/// <summary>A real PostgreSQL server for the tests of the PostgreSQL store: the one in <c>PGCI_CONN</c> (set by
/// <c>.ci/run</c>), else a throwaway cluster this fixture starts with <c>tests/scripts/pg-throwaway.sh</c> and stops
/// at the end. Without a server the tests that ask for a database are skipped, saying how to get one (failed under
/// <c>CI=true</c>: see <see cref="Requirement"/>).</summary>
public sealed partial class PostgresFixture : IAsyncLifetime
{
    public const string HowToGetOne =
        "install it (Debian: sudo apt-get install postgresql) and the tests start a throwaway server of their own, " +
        "or point them at a server with PGCI_CONN='Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres' " +
        "(or at the programs with PGBIN=<folder holding initdb>); .ci/run installs it and runs everything";

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
            // the script's own advice is for people running it by hand: the first clause is what went wrong
            var what = string.IsNullOrWhiteSpace(configured) ? e.Message.Split(": install it", 2)[0] : $"PGCI_CONN is set but its server cannot be reached ({e.Message})";
            _problem = $"This test needs PostgreSQL: {what}; {HowToGetOne}";
            _server = null;
        }
    }

    /// <summary>A new, empty database of its own for one test; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_server is null)
        {
            throw Requirement.Unmet(_problem ?? "PostgreSQL was not started");
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
        var script = Path.Combine(TestPaths.RepositoryRoot, "tests", "scripts", "pg-throwaway.sh");
        var (exit, output, error) = await ChildProcess.RunAsync("bash", [script, .. args], TestPaths.RepositoryRoot, new Dictionary<string, string?>(), TimeSpan.FromMinutes(3));
        return exit == 0
            ? output
            : throw new InvalidOperationException(error.Trim() is { Length: > 0 } said ? said : $"pg-throwaway.sh {string.Join(' ', args)} exited with {exit}");
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
