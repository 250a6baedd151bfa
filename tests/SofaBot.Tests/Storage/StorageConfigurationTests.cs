using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Storage;

/// <summary>Bad storage settings stop the built program at start, naming the key, and never echo a password.</summary>
public sealed class StorageConfigurationTests : IDisposable
{
    private readonly TempDirectory _workingDirectory = new();

    [Fact]
    public async Task An_unknown_provider_is_named_with_the_ones_that_exist()
    {
        var (exit, output, error) = await AskAsync(new() { ["Storage__Provider"] = "MySql" });

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Storage:Provider is \"MySql\"; use one of: Sqlite, Postgres", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused()
    {
        var (exit, _, error) = await AskAsync(new() { ["Storage__Provider"] = "Postgres" });

        Assert.Equal(2, exit);
        Assert.Contains("Storage:Postgres:ConnectionString is empty", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.internal;Port=not-a-port;Password=hunter2-secret", "is not an Npgsql connection string")]
    [InlineData("Host=db.internal;Password=hunter2-secret;Usernme=sofabot", "is not an Npgsql connection string")]
    [InlineData("Password='hunter2-secret", "is not an Npgsql connection string")]
    [InlineData("Database=sofabot;Password=hunter2-secret", "names no Host")]
    public async Task A_malformed_postgres_connection_string_is_named_without_its_password(string connectionString, string why)
    {
        var (exit, output, error) = await AskAsync(new()
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__Postgres__ConnectionString"] = connectionString,
        });

        Assert.Equal(2, exit);
        Assert.Contains($"Storage:Postgres:ConnectionString {why}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error + output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "Storage:Postgres:MaxPoolSize is 0; use 1 to 1024 connections per replica")]
    [InlineData("5000", "Storage:Postgres:MaxPoolSize is 5000; use 1 to 1024 connections per replica")]
    public async Task A_pool_size_out_of_range_stops_start_up_naming_the_key(string size, string said)
    {
        var (exit, _, error) = await AskAsync(new()
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__Postgres__ConnectionString"] = "Host=db.internal;Password=hunter2-secret",
            ["Storage__Postgres__MaxPoolSize"] = size,
        });

        Assert.Equal(2, exit);
        Assert.Contains(said, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minimum_pool_size_above_the_maximum_stops_start_up_naming_both()
    {
        var (exit, _, error) = await AskAsync(new()
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__Postgres__ConnectionString"] = "Host=db.internal;Minimum Pool Size=30;Password=hunter2-secret",
        });

        Assert.Equal(2, exit);
        Assert.Contains("Storage:Postgres:ConnectionString sets Minimum Pool Size 30, above the pool's maximum 20 (Storage:Postgres:MaxPoolSize)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    private Task<(int Exit, string Output, string Error)> AskAsync(Dictionary<string, string> environment) =>
        ProgramProcess.RunAsync(_workingDirectory.Path, environment, "ask", "jraft 怎么做快照");

    public void Dispose() => _workingDirectory.Dispose();
}
