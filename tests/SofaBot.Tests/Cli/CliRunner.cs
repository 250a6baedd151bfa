using SofaBot.Cli;

namespace SofaBot.Tests.Cli;

/// <summary>Runs the real command line in process, capturing what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SofaBotCli.Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary><c>ask &lt;message&gt; --json</c> on the bundled corpus, with more options if given; fails the test
    /// unless it exits with 0.</summary>
    public static async Task<System.Text.Json.JsonElement> AskJsonAsync(string message, params string[] options)
    {
        var (exit, output, error) = await RunAsync(["--corpus", Fixtures.TestPaths.BundledCorpus, "ask", message, "--json", .. options]);
        Assert.True(exit == 0, error);
        return System.Text.Json.JsonDocument.Parse(output).RootElement;
    }
}
