using System.Diagnostics;
using System.Reflection;
using SofaBot.Retrieval;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Retrieval.Snapshot;

/// <summary><c>Retrieval:Snapshot</c> fails fast on a bad value, naming the key; and the code that builds the index is
/// compiled optimized in every configuration, so the first start of a Debug build is not several times slower.</summary>
public sealed class SnapshotConfigurationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("data/\0index")]
    public void A_snapshot_folder_that_names_no_folder_is_refused_naming_the_keys(string folder)
    {
        var options = TestIndex.RetrievalOptions();
        options.Snapshot.Folder = folder;

        var result = new RetrievalOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Retrieval:Snapshot:Folder must name a folder", StringComparison.Ordinal) && f.Contains("Retrieval:Snapshot:Enabled to false", StringComparison.Ordinal));
    }

    [Fact]
    public void No_folder_is_needed_when_the_snapshot_is_off()
    {
        var options = TestIndex.RetrievalOptions();
        options.Snapshot.Enabled = false;
        options.Snapshot.Folder = "";

        Assert.True(new RetrievalOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Retrieval__Snapshot__Enabled", "maybe", "Failed to convert configuration value 'maybe' at 'Retrieval:Snapshot:Enabled'")]
    [InlineData("Retrieval__Snapshot__Folder", " ", "Retrieval:Snapshot:Folder must name a folder")]
    public async Task A_bad_snapshot_setting_stops_the_program_naming_the_key(string variable, string value, string message)
    {
        using var folder = new TempDirectory();

        var (exit, output, error) = await ProgramProcess.RunAsync(folder.Path, new Dictionary<string, string> { [variable] = value }, "ask", "jraft 的 leader 怎么选");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_core_is_compiled_optimized_in_every_configuration()
    {
        var debuggable = typeof(KnowledgeIndex).Assembly.GetCustomAttribute<DebuggableAttribute>();

        Assert.False(debuggable?.IsJITOptimizerDisabled ?? false, "SofaBot.Core must be built with <Optimize>true</Optimize>, Debug included");
    }
}
