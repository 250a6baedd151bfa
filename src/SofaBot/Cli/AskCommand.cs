using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Channels.LocalChat;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;
using SofaBot.Retrieval;
using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Cli;

/// <summary><c>ask "&lt;question&gt;"</c>: what SofaBot would do with one message meant for it, and the reply it would
/// send, word for word as the group reads it.</summary>
internal static class AskCommand
{
    public static Command Build()
    {
        var question = new Argument<string>("question") { Description = "The message, as someone would type it to the bot in the group (/help, /ask … and @SofaBot … read as the local chat reads them)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var top = new Option<int?>("--top") { Description = "How many candidates to show (default Answering:Candidates)" };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError($"--top must be 1 or more (was {result.GetValueOrDefault<int?>()})");
            }
        });
        var followUpOf = new Option<string?>("--follow-up-of") { Description = "Ask the message as a reply to the bot's reply to this earlier message", HelpName = "earlier message" };
        var command = new Command("ask", "Decide what to do with a message: answer, suggest to maintainers, or ignore; print the reply exactly as the group reads it, and the candidates") { question, json, top, followUpOf };
        command.SetAction((parse, ct) => VerbRunner.RunAsync(parse, async (services, output, token) =>
        {
            var index = await IndexLoader.LoadAsync(services, token);
            var botName = services.GetRequiredService<IOptions<LocalChatOptions>>().Value.BotName;
            var typed = parse.GetValue(question) ?? "";
            var message = Addressed(typed, botName);
            // a follow-up is a reply to the bot's reply to the earlier message: read with what that reply showed
            var context = parse.GetValue(followUpOf) is { } earlier
                ? await index.ContextAfterAsync(earlier, cancellationToken: token)
                : null;
            if (context is not null && message.Addressing == Addressing.Mention)
            {
                message = message with { Addressing = Addressing.ReplyToBot };
            }

            var plan = await services.GetRequiredService<ReplyPlanner>().PlanAsync(message, index, context, token);
            // asked for the first time, a message that calls for review opens an item, and the reply says so
            var reply = plan.ReplyAfterReview(itemOpened: plan.Review is not null);
            // what Telegram and the local chat show: the visible text of the HTML they get, and where its links go
            var html = reply is null ? "" : TelegramReplyHtml.Render(reply, "@" + botName);
            var (text, links) = (TelegramHtml.VisibleText(html), TelegramHtml.Links(html));
            var decision = plan.Decision;
            var shown = decision?.Candidates.Take(parse.GetValue(top) ?? decision.Candidates.Count).ToList() ?? [];
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, new
                {
                    query = typed,
                    decision = decision?.Kind,
                    reason = decision?.Reason ?? plan.Reason,
                    confidence = Math.Round(decision?.Confidence ?? 0, 3),
                    reply = text,
                    links = links.Select(link => new { text = link.Label, url = link.Url }),
                    review = plan.Review?.ToString().ToLowerInvariant(),
                    evidence = decision?.Evidence,
                    candidates = shown.Select((c, i) => CandidateJson(c, i + 1)),
                });
                return VerbRunner.Ok;
            }

            await output.WriteLineAsync(decision is null ? $"Decision: none ({plan.Reason})" : $"Decision: {decision.Kind.ToString().ToLowerInvariant()} ({decision.Reason})");
            await output.WriteLineAsync(reply is null ? $"\nReply: none ({plan.Reason})" : "\nReply:\n" + text);
            if (links.Count > 0)
            {
                await output.WriteLineAsync("\nLinks:");
                foreach (var (label, url) in links)
                {
                    await output.WriteLineAsync($"  {TextCut.AtSentenceEnd(label, 60)}: {url}");
                }
            }

            if (plan.Review is { } review)
            {
                await output.WriteLineAsync($"\nFor the maintainers: a review item ({ReviewLabels.Kind(review)}) with the candidates below");
            }

            if (shown.Count > 0)
            {
                await output.WriteLineAsync("\nCandidates:");
                foreach (var (c, i) in shown.Select((c, i) => (c, i + 1)))
                {
                    var question = c.Pair.Turns[c.Turn].Question.ReplaceLineEndings(" ");
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{i,2}. {c.Score,6:0.000}  {c.Pair.Id}  {c.Pair.Project.Name}  {TextCut.AtSentenceEnd(question, 60)}"));
                }
            }

            return VerbRunner.Ok;
        }, ct));
        return command;
    }

    /// <summary>The message as the bot receives it when it is meant for it: read as the local chat reads it
    /// (<c>/help</c>, <c>/ask …</c>, <c>@SofaBot …</c>), anything else as a reply to the bot.</summary>
    private static IncomingMessage Addressed(string typed, string botName)
    {
        var (addressing, text) = LocalChatEndpoints.Read(typed, repliesToBot: true, botName);
        return new IncomingMessage { Key = new MessageKey("ask", "ask", "1"), Text = text, SenderId = "ask", Addressing = addressing };
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
