using System.CommandLine;
using Microsoft.Extensions.Options;
using SofaBot.Corpus;
using SofaBot.Storage.Migrations;

namespace SofaBot.Cli;

/// <summary>Runs a verb inside the host and turns expected failures into a clear message and an exit code.</summary>
internal static class VerbRunner
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int BadSetup = 2;

    /// <summary>The failures of one options class, or of several at once (start-up validation aggregates them).</summary>
    private static List<string> ConfigurationFailures(Exception e) => e switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException many => many.InnerExceptions.SelectMany(ConfigurationFailures).ToList(),
        // the binder's own message names the key and the value: "Failed to convert configuration value 'abc' at 'Corpus:MaxFileMegabytes' to type 'System.Double'."
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [message],
        _ => [],
    };

    public static Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> verb, CancellationToken cancellationToken) =>
        RunGuardedAsync(parse, async () =>
        {
            using var host = CliHost.Build(parse.GetValue(SofaBotCli.CorpusOption));
            return await verb(host.Services, parse.InvocationConfiguration.Output, cancellationToken);
        });

    /// <summary>Runs a verb body, turning configuration and corpus errors into a message naming the key and exit code 2.</summary>
    public static async Task<int> RunGuardedAsync(ParseResult parse, Func<Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body();
        }
        catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
        {
            await error.WriteLineAsync("configuration error (appsettings.json, environment variables):");
            foreach (var failure in failures)
            {
                await error.WriteLineAsync("  " + failure);
            }

            return BadSetup;
        }
        catch (Exception e) when (e is SchemaTooNewException || e.InnerException is SchemaTooNewException)
        {
            await error.WriteLineAsync($"error: {(e as SchemaTooNewException ?? e.InnerException)!.Message}");
            return BadSetup;
        }
        catch (CorpusNotFoundException e)
        {
            await error.WriteLineAsync($"error: {e.Message}. Set Corpus:Path in appsettings.json or pass --corpus <path>.");
            return BadSetup;
        }
    }
}
