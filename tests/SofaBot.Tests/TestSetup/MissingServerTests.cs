using System.Runtime.Versioning;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.TestSetup;

/// <summary>What a newcomer's <c>dotnet test</c> does on a machine without PostgreSQL or Chromium: the tests that need
/// them are skipped with one reason saying what to install, nothing installs system packages behind their back, and
/// under <c>CI=true</c> the same tests fail instead, so CI cannot go green without them.</summary>
[UnsupportedOSPlatform("windows")] // bash, PATH and file modes, like .ci/run
public sealed class MissingServerTests : IDisposable
{
    /// <summary>One test of each kind: a PostgreSQL store contract test and a browser test.</summary>
    private const string NeedsBoth =
        "FullyQualifiedName~PostgresStateStoreTests.A_cursor_is_absent_until_set|FullyQualifiedName~ReviewPageBrowserTests.A_wrong_token_sees_nothing";

    private readonly TempDirectory _machine = new();

    /// <summary>A PATH on which apt-get and sudo only leave a mark: any attempt to install is seen.</summary>
    private Dictionary<string, string?> WithoutServers(bool ci)
    {
        var bin = Directory.CreateDirectory(_machine.Combine("bin")).FullName;
        foreach (var installer in new[] { "apt-get", "apt", "sudo" })
        {
            var fake = _machine.Write($"bin/{installer}", $"#!/bin/sh\necho \"$0 $*\" >> '{_machine.Combine("installs.log")}'\nexit 1\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new()
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["PGBIN"] = Directory.CreateDirectory(_machine.Combine("no-postgresql")).FullName,
            ["PGCI_CONN"] = null,
            ["SOFABOT_CHROMIUM"] = _machine.Combine("no-chromium/chromium"),
            ["CI"] = ci ? "true" : null,
        };
    }

    private bool SomethingWasInstalled => File.Exists(_machine.Combine("installs.log"));

    [Fact]
    public async Task The_throwaway_PostgreSQL_script_stops_at_once_naming_where_it_looked_and_installs_nothing()
    {
        var script = Path.Combine(TestPaths.RepositoryRoot, "tests", "scripts", "pg-throwaway.sh");

        var (exit, output, error) = await ChildProcess.RunAsync("bash", [script, "start"], _machine.Path, WithoutServers(ci: false), TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exit);
        Assert.Empty(output); // nothing for `eval` to run
        Assert.StartsWith("PostgreSQL not found in PGBIN or /usr/lib/postgresql/*/bin", error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("No such file", error, StringComparison.Ordinal);
        Assert.False(SomethingWasInstalled);
    }

    [Fact]
    public async Task Without_PostgreSQL_and_Chromium_their_tests_are_skipped_with_what_to_install()
    {
        var (exit, output, _) = await RunTestsAsync(WithoutServers(ci: false));

        Assert.Equal(0, exit);
        Assert.Matches(@"Failed: +0, Passed: +0, Skipped: +2, Total: +2", output);
        Assert.Contains("This test needs PostgreSQL: PostgreSQL not found in PGBIN or /usr/lib/postgresql/*/bin", output, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install postgresql", output, StringComparison.Ordinal);
        Assert.Contains("PGCI_CONN=", output, StringComparison.Ordinal);
        Assert.Contains("This test needs Chromium", output, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install chromium", output, StringComparison.Ordinal);
        Assert.Contains("SOFABOT_CHROMIUM=", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack Trace", output, StringComparison.Ordinal);
        Assert.False(SomethingWasInstalled);
    }

    [Fact]
    public async Task Under_CI_the_same_tests_fail_instead_of_skipping()
    {
        var (exit, output, _) = await RunTestsAsync(WithoutServers(ci: true));

        Assert.NotEqual(0, exit);
        Assert.Matches(@"Failed: +2, Passed: +0, Skipped: +0, Total: +2", output);
        Assert.Contains("(CI=true: required, not skipped)", output, StringComparison.Ordinal);
        Assert.False(SomethingWasInstalled);
    }

    /// <summary>This very test assembly, run again by <c>dotnet test</c> in a child process on the two tests.</summary>
    private Task<(int Exit, string Output, string Error)> RunTestsAsync(Dictionary<string, string?> environment) =>
        ChildProcess.RunAsync("dotnet", ["test", typeof(MissingServerTests).Assembly.Location, "--filter", NeedsBoth], _machine.Path, environment, TimeSpan.FromMinutes(3));

    public void Dispose() => _machine.Dispose();
}
