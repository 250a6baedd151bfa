using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;

namespace SofaBot.Cli;

/// <summary>Runs a verb inside the host and turns expected failures into a clear message and an exit code.</summary>
internal static class VerbRunner
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int BadSetup = 2;

    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var host = CliHost.Build(parse.GetValue(SofaBotCli.CorpusOption));
            return await verb(host.Services, output, cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("configuration error (appsettings.json):");
            foreach (var failure in e.Failures)
            {
                await error.WriteLineAsync("  " + failure);
            }

            return BadSetup;
        }
        catch (CorpusNotFoundException e)
        {
            await error.WriteLineAsync($"error: {e.Message}. Set Corpus:Path in appsettings.json or pass --corpus <path>.");
            return BadSetup;
        }
    }
}
