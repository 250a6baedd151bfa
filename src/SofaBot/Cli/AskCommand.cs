using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Retrieval;

namespace SofaBot.Cli;

/// <summary><c>ask "&lt;question&gt;"</c>: what SofaBot would do with one message, and the reply it would send.</summary>
internal static class AskCommand
{
    public static Command Build()
    {
        var question = new Argument<string>("question") { Description = "The message, as someone would type it in the group" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var top = new Option<int?>("--top") { Description = "How many candidates to show (default Answering:Candidates)" };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError($"--top must be 1 or more (was {result.GetValueOrDefault<int?>()})");
            }
        });
        var command = new Command("ask", "Decide what to do with a message: answer, suggest to maintainers, or ignore; show candidates and the reply") { question, json, top };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(parse, async (services, output, token) =>
        {
            var index = await IndexLoader.LoadAsync(services, token);
            var message = parse.GetValue(question) ?? "";
            var decision = await index.DecideAsync(message, cancellationToken: token);
            var shown = decision.Candidates.Take(parse.GetValue(top) ?? decision.Candidates.Count).ToList();
            var maxChars = services.GetRequiredService<IOptions<AnsweringOptions>>().Value.MaxAnswerChars;
            var reply = decision.Kind == DecisionKind.Ignore || decision.Best is null ? "" : ReplyFormatter.Format(decision.Best, message, maxChars);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, new
                {
                    query = message,
                    decision = decision.Kind,
                    reason = decision.Reason,
                    confidence = Math.Round(decision.Confidence, 3),
                    reply,
                    evidence = decision.Evidence,
                    candidates = shown.Select((c, i) => CandidateJson(c, i + 1)),
                });
                return VerbRunner.Ok;
            }

            await output.WriteLineAsync($"Decision: {decision.Kind.ToString().ToLowerInvariant()} ({decision.Reason})");
            if (reply.Length > 0)
            {
                await output.WriteLineAsync(decision.Kind == DecisionKind.Answer ? "\nReply:" : "\nDraft for maintainers:");
                await output.WriteLineAsync(reply);
            }

            if (shown.Count > 0)
            {
                await output.WriteLineAsync("\nCandidates:");
                foreach (var (c, i) in shown.Select((c, i) => (c, i + 1)))
                {
                    var question = c.Pair.Turns[c.Turn].Question.ReplaceLineEndings(" ");
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{i,2}. {c.Score,6:0.000}  {c.Pair.Id}  {c.Pair.Project.Name}  {ReplyFormatter.Cut(question, 60, english: false, pointToWeekly: false)}"));
                }
            }

            return VerbRunner.Ok;
        }, ct));
        return command;
    }

    public static object CandidateJson(Candidate c, int rank) => new
    {
        rank,
        id = c.Pair.Id,
        file = c.Pair.Weekly.File,
        asker = c.Pair.Asker,
        question = c.Pair.Turns[c.Turn].Question,
        project = c.Pair.Project.Name,
        score = Math.Round(c.Score, 4),
        lexical = Math.Round(c.Lexical, 3),
        vector = Math.Round(c.Vector, 3),
    };
}
