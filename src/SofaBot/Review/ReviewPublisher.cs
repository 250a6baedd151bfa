using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Diagnostics;
using SofaBot.Hosting;
using SofaBot.Learning;
using SofaBot.Messaging;
using SofaBot.Projects;
using SofaBot.Retrieval;

namespace SofaBot.Review;

/// <summary>Carries out an approval: the bot learns it (the asker's wording as another question for the approved
/// pair, or an edited or new answer as a learned pair, in the live index and the store), then the answer is posted
/// in the original chat as a reply to the original message, in the format of automatic answers.</summary>
internal sealed partial class ReviewPublisher(
    IReviewStore store,
    KnowledgeIndexService index,
    ProjectCatalog catalog,
    IEnumerable<IChatChannel> channels,
    ChatLanguage language,
    FollowUps followUps,
    Clock clock,
    IOptions<ReviewOptions> review,
    IOptions<AnsweringOptions> answering,
    ILogger<ReviewPublisher> logger)
{
    /// <summary>An asker's wording kept as another question: longer text is a pasted log, not a question.</summary>
    private const int MaxLearnedQuestionChars = 1000;

    private readonly Dictionary<string, IChatChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>Learns and posts an approved or edited item; returns it with the post's outcome. Never throws for a
    /// platform's refusal: that is recorded on the item.</summary>
    /// <param name="item">The decided item.</param>
    /// <param name="learned">What this item taught before a crash stopped its post (null: learn it now).</param>
    /// <param name="cancellationToken">Stops the post.</param>
    public async Task<ReviewItem> PublishAsync(ReviewItem item, LearnedEntry? learned, CancellationToken cancellationToken)
    {
        string? error;
        try
        {
            var knowledge = await index.GetAsync(cancellationToken);
            var answer = await AnswerAsync(item, knowledge, learned, cancellationToken);
            if (!_channels.TryGetValue(item.Message.Key.Channel, out var channel))
            {
                throw new ReplyRejectedException($"channel \"{item.Message.Key.Channel}\" is not configured in this instance");
            }

            var max = LearnedPairs.IsLearned(answer.Pair.Weekly) ? review.Value.MaxAnswerChars : answering.Value.MaxAnswerChars;
            var posted = await channel.SendAsync(item.Message, new AnswerReply(answer, max, language.IsEnglish(item.Message)), cancellationToken);
            // a reply to the posted answer continues it, like a reply to any answer of the bot's
            await followUps.RememberPostedAsync(item.Message, answer, posted, clock.UtcNow);
            error = null;
            LogPosted(item.Id, item.Message.Key.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = LogMessages.Reason(e);
            LogPostFailed(item.Id, error);
        }

        var at = clock.UtcNow;
        await store.MarkPostedAsync(item.Id, at, error, CancellationToken.None);
        return item with { PostedAt = at, PostError = error };
    }

    /// <summary>Posts what was approved but never posted: a crash between the decision and the post. Learning is
    /// not repeated for items that were learned before the crash.</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var unposted = await store.ListUnpostedAsync(cancellationToken);
        if (unposted.Count == 0)
        {
            return 0;
        }

        var learned = (await store.ListLearnedAsync(cancellationToken)).Where(e => e.ReviewItemId is not null).DistinctBy(e => e.ReviewItemId).ToDictionary(e => e.ReviewItemId!.Value);
        foreach (var item in unposted)
        {
            if (clock.UtcNow - item.CreatedAt > review.Value.ExpireAfter)
            {
                // like an expired item: the conversation has moved on (what was learned stays learned)
                await store.MarkPostedAsync(item.Id, clock.UtcNow, "not posted: too late after a restart", cancellationToken);
                continue;
            }

            await PublishAsync(item, learned.GetValueOrDefault(item.Id), cancellationToken);
        }

        return unposted.Count;
    }

    /// <summary>The pair to send, learning the decision on the way.</summary>
    private async Task<Candidate> AnswerAsync(ReviewItem item, KnowledgeIndex knowledge, LearnedEntry? learned, CancellationToken cancellationToken)
    {
        var question = item.Message.Text.Trim();
        question = question.Length > MaxLearnedQuestionChars ? question[..MaxLearnedQuestionChars] : question;
        var chosen = item.Chosen is { } k ? item.Candidates[k - 1] : null;
        if (item.Status == ReviewStatus.Approved && chosen is not null)
        {
            var pair = knowledge.FindPair(chosen.PairId)
                ?? throw new ReplyRejectedException($"pair {chosen.PairId} is no longer in the corpus");
            if (learned is null && question.Length > 0)
            {
                var entry = await store.AddLearnedAsync(
                    new LearnedEntry(0, LearnedKind.AlternateQuestion, pair.Id, chosen.Turn, question, null, null, null, item.Message.SenderName, item.DecidedBy!, item.DecidedAt!.Value, item.Id),
                    cancellationToken);
                await knowledge.LearnAsync(entry, cancellationToken);
            }

            return new Candidate(pair, chosen.Turn, 0, 0, chosen.Score);
        }

        var answer = item.Answer ?? throw new InvalidOperationException($"item {item.Id} is {item.Status} without an answer");
        var existing = learned;
        if (existing is null)
        {
            var project = ProjectFor(question, chosen);
            existing = await store.AddLearnedAsync(
                new LearnedEntry(0, LearnedKind.Pair, "", 0, question, answer, project.Name, project.Url, item.Message.SenderName, item.DecidedBy!, item.DecidedAt!.Value, item.Id),
                cancellationToken);
            await knowledge.LearnAsync(existing, cancellationToken);
        }

        var learnedPair = knowledge.FindPair(existing.PairId)
            ?? throw new InvalidOperationException($"learned pair {existing.PairId} is not in the index");
        return new Candidate(learnedPair, 0, 0, 0, 1);
    }

    /// <summary>An edited candidate keeps its project; a new answer takes the project the question names, else the
    /// organisation.</summary>
    private (string Name, string Url) ProjectFor(string question, ReviewCandidate? edited)
    {
        if (edited is not null)
        {
            return (edited.Project, edited.Link);
        }

        var named = catalog.FindNamed(question).OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault(p => !p.IsOrganization)
            ?? catalog.Fallback;
        return (named.Name, named.Repository);
    }

    [LoggerMessage(3310, LogLevel.Information, "Review item {Id}: the approved answer was posted to {Question}")]
    private partial void LogPosted(long id, string question);

    [LoggerMessage(3311, LogLevel.Warning, "Review item {Id}: posting the approved answer failed: {Reason}")]
    private partial void LogPostFailed(long id, string reason);
}
