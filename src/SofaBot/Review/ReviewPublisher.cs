using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Diagnostics;
using SofaBot.Hosting;
using SofaBot.Learning;
using SofaBot.Messaging;
using SofaBot.Projects;
using SofaBot.Retrieval;
using SofaBot.Storage;

namespace SofaBot.Review;

/// <summary>Carries out an approval: the bot learns it once (the asker's wording as another question for the approved
/// pair, or an edited or new answer as a learned pair, in the live index and the store), then the answer is posted
/// to every asker of the item, each in its own chat as a reply to its own message, in the format of automatic
/// answers. Each asker's post is claimed first and recorded after: replicas and retries post to each asker once.</summary>
internal sealed partial class ReviewPublisher(
    IReviewStore store,
    KnowledgeIndexService index,
    ProjectCatalog catalog,
    IEnumerable<IChatChannel> channels,
    ChatLanguage language,
    FollowUps followUps,
    Clock clock,
    Replica replica,
    IOptions<ReviewOptions> review,
    IOptions<AnsweringOptions> answering,
    IOptions<ChatOptions> chat,
    IOptions<StorageOptions> storage,
    ILogger<ReviewPublisher> logger)
{
    /// <summary>An asker's wording kept as another question: longer text is a pasted log, not a question.</summary>
    private const int MaxLearnedQuestionChars = 1000;

    private readonly Dictionary<string, IChatChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private TimeSpan ClaimTimeout => TimeSpan.FromSeconds(chat.Value.ClaimTimeoutSeconds);

    /// <summary>Learns and posts an approved or edited item; returns it with the post's outcome. Never throws for a
    /// platform's refusal: that is recorded on the asker and summed up on the item.</summary>
    /// <param name="item">The decided item.</param>
    /// <param name="learned">What this item taught before a crash stopped its post (null: learn it now).</param>
    /// <param name="cancellationToken">Stops the post.</param>
    public Task<ReviewItem> PublishAsync(ReviewItem item, LearnedEntry? learned, CancellationToken cancellationToken) =>
        PublishAsync(item, learned, clock.UtcNow - ClaimTimeout, cancellationToken);

    /// <summary>Posts what was approved but never posted to every asker: a crash between the decision and the post, or
    /// a platform that was down when it was approved. Learning is not repeated for items that were learned before.</summary>
    /// <param name="atStart">At start a SQLite file's claims are this host's previous run's and are taken at once; later
    /// (every few minutes) only claims older than the claim timeout are, since this host may still be posting.</param>
    /// <param name="cancellationToken">Stops the posts.</param>
    /// <returns>How many items are now posted to every asker (an item still waiting on a platform counts later).</returns>
    public async Task<int> ResumeAsync(bool atStart, CancellationToken cancellationToken)
    {
        var unposted = await store.ListUnpostedAsync(cancellationToken);
        if (unposted.Count == 0)
        {
            return 0;
        }

        // a SQLite file belongs to one host, so a claim on it is this host's previous run's; replicas sharing
        // PostgreSQL leave a fresh claim to its holder, which may still be posting (as the inbox recovery does)
        var singleHost = !StorageOptionsValidator.IsPostgres(storage.Value);
        var staleBefore = singleHost && atStart ? clock.UtcNow : clock.UtcNow - ClaimTimeout;
        var learned = (await store.ListLearnedAsync(cancellationToken)).Where(e => e.ReviewItemId is not null).DistinctBy(e => e.ReviewItemId).ToDictionary(e => e.ReviewItemId!.Value);
        var posted = 0;
        foreach (var item in unposted)
        {
            if ((await PublishAsync(item, learned.GetValueOrDefault(item.Id), staleBefore, cancellationToken)).PostedAt is not null)
            {
                posted++;
            }
        }

        return posted;
    }

    private async Task<ReviewItem> PublishAsync(ReviewItem item, LearnedEntry? learned, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        Candidate? answer = null;
        string? unanswerable = null;
        try
        {
            answer = await AnswerAsync(item, await index.GetAsync(cancellationToken), learned, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // nothing can be sent to anyone (the pair left the corpus): every asker is told so on the item
            unanswerable = LogMessages.Reason(e);
            LogPostFailed(item.Id, item.Message.Key.ToString(), unanswerable);
        }

        // an item read before askers were stored for it (none on an item built in memory) is read again
        var askers = item.Askers.Count > 0 ? item.Askers : (await store.GetAsync(item.Id, cancellationToken))?.Askers ?? [];
        foreach (var asker in askers.Where(a => a.PostedAt is null))
        {
            if (!await store.TryClaimAskerPostAsync(asker.Id, replica.Id, clock.UtcNow, staleBefore, cancellationToken))
            {
                // another replica is posting to this asker (or just did)
                continue;
            }

            var (posted, error) = unanswerable is null ? await PostToAsync(item, asker, answer!, cancellationToken) : (false, unanswerable);
            if (!posted && error is null)
            {
                // the platform is down for now: the claim is left to go stale, and a later pass posts it
                continue;
            }

            await store.MarkAskerPostedAsync(asker.Id, clock.UtcNow, error, CancellationToken.None);
        }

        return await FinishAsync(item, CancellationToken.None);
    }

    /// <summary>Posts the answer to one asker: posted; not posted, for a reason that is final; or neither (no reason):
    /// the platform fails for now, and a later pass tries again, until the asker's question is too old.</summary>
    private async Task<(bool Posted, string? Error)> PostToAsync(ReviewItem item, ReviewAsker asker, Candidate answer, CancellationToken cancellationToken)
    {
        var message = asker.Message;
        if (clock.UtcNow - asker.AskedAt > review.Value.ExpireAfter)
        {
            // like an expired item: the conversation there has moved on (a later asker kept the item alive)
            LogTooLate(item.Id, message.Key.ToString(), review.Value.ExpireAfterHours);
            return (false, $"not posted: asked more than {review.Value.ExpireAfterHours} h before");
        }

        try
        {
            if (!_channels.TryGetValue(message.Key.Channel, out var channel))
            {
                throw new ReplyRejectedException($"channel \"{message.Key.Channel}\" is not configured in this instance");
            }

            var max = LearnedPairs.IsLearned(answer.Pair.Weekly) ? review.Value.MaxAnswerChars : answering.Value.MaxAnswerChars;
            var posted = await channel.SendAsync(message, new AnswerReply(answer, max, language.IsEnglish(message)), cancellationToken);
            // a reply to the posted answer continues it, like a reply to any answer of the bot's
            await followUps.RememberPostedAsync(message, answer, posted, clock.UtcNow);
            LogPosted(item.Id, message.Key.ToString());
            return (true, null);
        }
        catch (Exception e) when (e is ReplyDeferredException || StoreFaults.IsTransient(e))
        {
            LogPostDeferred(item.Id, message.Key.ToString(), e.Message);
            return (false, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = LogMessages.Reason(e);
            LogPostFailed(item.Id, message.Key.ToString(), error);
            return (false, error);
        }
    }

    /// <summary>Once every asker was posted to (or given up on), records that on the item, with the failures summed
    /// up; an asker another replica is still posting to leaves that to it.</summary>
    private async Task<ReviewItem> FinishAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(item.Id, cancellationToken) ?? item;
        if (current.Askers.Count == 0 || current.Askers.Any(a => a.PostedAt is null))
        {
            return current;
        }

        var failed = current.Askers.Where(a => a.PostError is not null).ToList();
        var error = failed.Count switch
        {
            0 => null,
            _ when current.Askers.Count == 1 => failed[0].PostError,
            _ => $"{failed.Count} of {current.Askers.Count} askers not reached: {string.Join("; ", failed.Take(3).Select(a => $"{a.Message.Key}: {a.PostError}"))}",
        };
        var at = clock.UtcNow;
        await store.MarkPostedAsync(item.Id, at, error, cancellationToken);
        return current with { PostedAt = at, PostError = error };
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
            var project = ProjectFor(catalog, question, chosen);
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
    /// organisation. The weekly digest gives an edited answer the same project.</summary>
    internal static (string Name, string Url) ProjectFor(ProjectCatalog catalog, string question, ReviewCandidate? edited)
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

    [LoggerMessage(3311, LogLevel.Warning, "Review item {Id}: posting the approved answer to {Question} failed: {Reason}")]
    private partial void LogPostFailed(long id, string question, string reason);

    [LoggerMessage(3313, LogLevel.Warning, "Review item {Id}: the approved answer could not be posted to {Question} yet ({Reason}); it is tried again in a few minutes")]
    private partial void LogPostDeferred(long id, string question, string reason);

    [LoggerMessage(3312, LogLevel.Information, "Review item {Id}: the approved answer was not posted to {Question}: asked more than {Hours} h ago, the conversation has moved on")]
    private partial void LogTooLate(long id, string question, int hours);
}
