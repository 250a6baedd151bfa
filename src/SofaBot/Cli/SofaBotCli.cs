using System.CommandLine;

namespace SofaBot.Cli;

/// <summary>The command line: <c>sofabot [--corpus &lt;path&gt;] [&lt;verb&gt;]</c>; with no verb it serves.</summary>
internal static class SofaBotCli
{
    /// <summary>Overrides <c>Corpus:Path</c> for every verb; relative to the current directory.</summary>
    public static readonly Option<string?> CorpusOption = new("--corpus")
    {
        Description = "Folder of weeklies (or one weekly file) to use instead of Corpus:Path from appsettings.json",
        Recursive = true,
        HelpName = "path",
    };

    /// <summary>Parses the command line. Response files (<c>@file</c>) are off: a message for <c>ask</c> starts with
    /// <c>@SofaBot</c> as often as not.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) =>
        Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    public static RootCommand Build()
    {
        var root = new RootCommand("SofaBot: answers SOFAStack community questions from past SOFA Weekly Q&A.")
        {
            CorpusOption,
            CorpusCommand.Build(),
            AskCommand.Build(),
            EvalCommand.Build(),
            CalibrateCommand.Build(),
            DigestCommand.Build(),
            BenchCommand.Build(),
            ServeCommand.Build(),
            HealthcheckCommand.Build(),
            ServeCommand.UrlsOption,
        };
        root.SetAction(ServeCommand.RunAsync);
        return root;
    }
}
