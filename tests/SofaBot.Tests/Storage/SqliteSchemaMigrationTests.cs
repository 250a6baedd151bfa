using System.Data.Common;
using Microsoft.Data.Sqlite;
using SofaBot.Storage;
using SofaBot.Storage.Dialects;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>The versioned schema on a real SQLite file, opened as the host opens it; the release fixture is the file
/// the release before versioning wrote (TestData/storage/release.sqlite, see regenerate.sh there).</summary>
public sealed class SqliteSchemaMigrationTests : SchemaMigrationContract
{
    private readonly SqliteTestDatabase _database = new();

    internal override TestDatabase Database => _database;

    internal override SqlDialect Dialect => SqliteDialect.Instance;

    internal override StoreDatabase Open() => _database.Open();

    internal override Task LoadReleaseFixtureAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.File)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "storage", "release.sqlite"), _database.File);
        return Task.CompletedTask;
    }

    internal override async Task<DbConnection> ConnectAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.File)!);
        var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static int Future => SqliteDialect.Instance.Steps.Count + 1;

    [Fact]
    public async Task The_program_stops_at_start_on_a_file_a_newer_release_wrote_naming_both_versions()
    {
        using var workingDirectory = new TempDirectory();
        // an appsettings.json makes the working directory the content root, whose data/sofabot.db the program opens
        File.Copy(TestPaths.AppSettings, workingDirectory.Combine("appsettings.json"));
        var file = workingDirectory.Combine("data/sofabot.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // one version past the last this release knows, whatever that is
            command.CommandText = $"CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL); INSERT INTO schema_migrations VALUES (1, 'baseline', ''), ({Future}, 'from the future', '')";
            await command.ExecuteNonQueryAsync();
        }

        var (exit, output, error) = await ProgramProcess.RunAsync(workingDirectory.Path, new Dictionary<string, string>(), "corpus", "export-learned", "--out", "-");

        Assert.True(exit == 2, $"exit {exit}: {output} {error}");
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.Contains($"error: The SQLite database is at schema version {Future}, newer than this release, which knows versions up to {SqliteDialect.Instance.Steps.Count}", error, StringComparison.Ordinal);
    }
}
