using SofaBot.Cli;

namespace SofaBot.Tests.Cli;

/// <summary>Runs the real command line in process, capturing what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SofaBotCli.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
