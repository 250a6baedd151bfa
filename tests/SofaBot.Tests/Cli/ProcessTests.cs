using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Cli;

/// <summary>The built program as an operator runs it: a separate process, configured by files and environment.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempDirectory _workingDirectory = new();

    [Fact]
    public async Task Outside_the_repository_it_runs_on_the_sample_corpus_shipped_beside_it()
    {
        var (exit, output, error) = await RunAsync([], "corpus", "stats");

        Assert.True(exit == 0, error);
        Assert.Contains("Pairs:             19", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_in_the_environment_fails_fast_naming_the_key()
    {
        var (exit, output, error) = await RunAsync(new() { ["Projects__Fallback"] = "Nope", ["Corpus__MaxFileMegabytes"] = "0" }, "corpus", "stats");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Projects:Fallback names \"Nope\", which is not an entry of Projects:Catalog", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_names_the_key_and_the_value()
    {
        var (exit, _, error) = await RunAsync(new() { ["Corpus__MaxFileMegabytes"] = "four" }, "corpus", "stats");

        Assert.Equal(2, exit);
        Assert.Contains("Failed to convert configuration value 'four' at 'Corpus:MaxFileMegabytes'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace for a typo
    }

    [Fact]
    public async Task Corpus_path_from_the_environment_is_used_and_json_goes_to_stdout_alone()
    {
        var (exit, output, _) = await RunAsync(new() { ["Corpus__Path"] = Path.Combine(TestPaths.BundledCorpus, "sofa-weekly-20211112.txt") }, "corpus", "export", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(4, System.Text.Json.JsonDocument.Parse(output).RootElement.GetArrayLength());
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        ProgramProcess.RunAsync(_workingDirectory.Path, environment, args);

    public void Dispose() => _workingDirectory.Dispose();
}
