using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SofaBot.Hosting;

namespace SofaBot.Cli;

/// <summary>Builds the Generic Host a verb runs in: appsettings.json, the calibration file, environment variables,
/// command-line overrides.</summary>
internal static class CliHost
{
    public static IHost Build(string? corpusOverride)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = ContentRoot.Find(),
            Args = [],
        });
        // what calibrate fitted, between appsettings.json and the environment, as in the bot's host
        CalibrationFile.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
        if (corpusOverride is not null)
        {
            // --corpus is relative to where the user typed it, not to the content root
            builder.Configuration.AddInMemoryCollection([new("Corpus:Path", Path.GetFullPath(corpusOverride))]);
        }

        // stdout carries the verb's output (JSON can be piped); logs go to stderr
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSofaBotCore();
        builder.Services.AddSofaBotAdapters();
        builder.Services.AddSofaBotReplies();
        var host = builder.Build();

        // every verb fails fast on bad configuration, reporting all bad keys at once, as the worker does at start
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }
}
