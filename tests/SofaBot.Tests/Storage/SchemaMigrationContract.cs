using System.Data.Common;
using SofaBot.Storage;
using SofaBot.Storage.Dialects;
using SofaBot.Storage.Migrations;

namespace SofaBot.Tests.Storage;

/// <summary>What the versioned schema promises on both databases, run by a subclass per database on a real file or
/// database of its own: a database of the release before versioning (TestData/storage, written by that release's own
/// code) opens with nothing lost and is stamped; a fresh one gets every step once, however many processes start at
/// once; a later release's step runs once; a database a newer release migrated is refused at start.</summary>
public abstract class SchemaMigrationContract : IAsyncLifetime
{
    internal abstract TestDatabase Database { get; }

    internal abstract SqlDialect Dialect { get; }

    /// <summary>Another instance on this test's file or database, as another process or replica opens it.</summary>
    internal abstract StoreDatabase Open();

    /// <summary>Fills this test's (empty) file or database with the release fixture of TestData/storage.</summary>
    internal abstract Task LoadReleaseFixtureAsync();

    /// <summary>A plain connection to this test's file or database, which migrates nothing.</summary>
    internal abstract Task<DbConnection> ConnectAsync();

    private IReadOnlyList<SchemaStep> Steps => Dialect.Steps;

    public Task InitializeAsync() => Database.CreateAsync();

    public Task DisposeAsync() => Database.DeleteAsync();

    [Fact]
    public async Task A_database_the_release_before_versioning_wrote_opens_with_nothing_lost_and_is_stamped()
    {
        await LoadReleaseFixtureAsync();

        var database = Open();
        await ReleaseData.AssertKeptAsync(new StateStore(database), new ReviewStore(database), new DecisionLog(database));

        var versions = await VersionsAsync();
        Assert.Equal(Steps.Select(s => s.Version), versions.Select(v => v.Version));
        Assert.Contains("stamped", versions[0].Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_database_gets_every_step_once_in_order()
    {
        await new StateStore(Open()).InitializeAsync(CancellationToken.None);
        await Database.CloseAsync();
        await new StateStore(Open()).InitializeAsync(CancellationToken.None);

        var versions = await VersionsAsync();
        Assert.Equal(Enumerable.Range(1, Steps.Count), versions.Select(v => v.Version));
        Assert.DoesNotContain("stamped", versions[0].Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_starting_together_on_a_fresh_database_all_start_and_apply_each_step_once()
    {
        // six processes or replicas started at the same moment, each with its own connections
        var databases = Enumerable.Range(0, 6).Select(_ => Open()).ToList();

        await Task.WhenAll(databases.Select(d => Task.Run(() => new StateStore(d).InitializeAsync(CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, Steps.Count), (await VersionsAsync()).Select(v => v.Version));
        // and every one of them works on the result
        await Task.WhenAll(databases.Select((d, i) => new StateStore(d).SetCursorAsync($"replica-{i}", i, CancellationToken.None)));
    }

    [Fact]
    public async Task A_later_releases_step_runs_once_on_an_old_database_and_keeps_its_rows()
    {
        await LoadReleaseFixtureAsync();
        var later = NextRelease();

        // two replicas of the later release starting one after the other: the second finds the step applied
        await MigrateAsync(later);
        await MigrateAsync(later);

        Assert.Equal(later.Select(s => s.Version), (await VersionsAsync()).Select(v => v.Version));
        Assert.Equal(5L, await ScalarAsync("SELECT count(*) FROM review_items WHERE maintainer_note IS NULL"));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task A_database_a_newer_release_migrated_is_refused_naming_both_versions()
    {
        var newer = NextRelease();
        await MigrateAsync(newer);

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => new StateStore(Open()).InitializeAsync(CancellationToken.None));

        Assert.Contains($"{Dialect.Name} database is at schema version {newer.Count}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"knows versions up to {Steps.Count}", refused.Message, StringComparison.Ordinal);
        // refusing changed nothing: the newer release still finds its schema
        Assert.Equal(newer.Select(s => s.Version), (await VersionsAsync()).Select(v => v.Version));
    }

    /// <summary>This release's steps and one more, as the next release would append it.</summary>
    private List<SchemaStep> NextRelease() =>
        [.. Steps, new SchemaStep(Steps.Count + 1, "review_items.maintainer_note", "ALTER TABLE review_items ADD COLUMN maintainer_note text")];

    private async Task MigrateAsync(IReadOnlyList<SchemaStep> steps)
    {
        await using var connection = await ConnectAsync();
        await SchemaMigrator.MigrateAsync(connection, Dialect, steps, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<List<(int Version, string Name)>> VersionsAsync()
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name FROM schema_migrations ORDER BY version";
        var versions = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return versions;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
