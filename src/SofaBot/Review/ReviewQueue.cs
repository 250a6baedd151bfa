using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SofaBot.Answering;
using SofaBot.Drafts;
using SofaBot.Hosting;
using SofaBot.Messaging;
using SofaBot.Storage;
using SofaBot.Telemetry;

namespace SofaBot.Review;

/// <summary>The maintainers' queue: opens items for uncertain matches, unanswered mentions and 👎 feedback, and takes
/// the decisions from every place maintainers review (the page, the REST API, the Telegram review chat). A decision
/// is taken once, atomically, in the store: deciding twice posts once.</summary>
internal sealed partial class ReviewQueue(
    IReviewStore store,
    IStateStore messages,
    KnowledgeIndexService index,
    ReviewPublisher publisher,
    IEnumerable<IReviewDesk> desks,
    Clock clock,
    IOptions<ReviewOptions> options,
    BotMetrics metrics,
    DraftQueue drafts,
    ILogger<ReviewQueue> logger)
{
    /// <summary>Opens the item for a message (or returns the one a previous attempt opened). Called before the bot
    /// replies, so a crash after the reply cannot lose the item. The same question asked for the same reason while its
    /// item is pending, in this chat or another, joins that item (one more asker) instead of opening another: the
    /// maintainers decide it once and every asker gets the answer. Null when maintainers already rejected the same
    /// question in the same chat within <see cref="ReviewOptions.RememberVerdictDays"/>: their verdict holds, and they
    /// are not asked again. A 👎 always opens an item or joins the pending 👎 on the same question: it says something
    /// new about an answer that was sent.</summary>
    public async Task<ReviewItem?> OpenAsync(IncomingMessage message, ReviewReason reason, AnswerDecision decision, CancellationToken cancellationToken)
    {
        if (reason != ReviewReason.Feedback && await EarlierRejectionAsync(message, cancellationToken) is { } rejected)
        {
            LogVerdictHolds(message.Key, rejected.Id, Describe(rejected), rejected.DecidedAt!.Value);
            return null;
        }

        var opened = await store.OpenAsync(
            new ReviewItem
            {
                Reason = reason,
                Message = message,
                Candidates = ReviewCandidates.From(decision.Candidates),
                Confidence = decision.Confidence,
                DecisionReason = reason == ReviewReason.Feedback ? $"👎 on the answer the bot sent; the match now: {decision.Reason}" : decision.Reason,
                CreatedAt = clock.UtcNow,
            },
            cancellationToken);
        if (opened.Message.Key == message.Key)
        {
            metrics.ReviewOpened(reason);
            // stored first, drafted in the background: the asker's reply never waits for a model
            drafts.Enqueue(opened.Id);
        }
        else
        {
            LogJoined(message.Key, opened.Id, opened.AskedCount, opened.ChatCount);
        }

        return opened;
    }

    /// <summary>A rejection of the same question in the same chat, recent enough to hold.</summary>
    private async Task<ReviewItem?> EarlierRejectionAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (options.Value.RememberVerdictDays == 0 || SameQuestion.Key(message.Text) is not { Length: > 0 } question)
        {
            return null;
        }

        var rejected = await store.ListRejectedAsync(message.Key.Channel, message.Key.ChatId, clock.UtcNow - options.Value.RememberVerdict, cancellationToken);
        // the item this very message asked (handled again after a crash) is its own, not an earlier verdict
        return rejected.FirstOrDefault(item => item.Askers.All(a => a.Message.Key != message.Key) && item.Message.Key != message.Key
            && SameQuestion.Key(item.Message.Text) == question);
    }

    /// <summary>Shows a new item at every desk that has not shown it yet, or a joined one's new count where it is
    /// shown. Never throws: the item is on the page whatever a desk does.</summary>
    public Task AnnounceAsync(ReviewItem item, CancellationToken cancellationToken) =>
        AtEveryDeskAsync(
            item,
            desk => item.AskedCount > 1 && item.ReviewMessageId is not null ? desk.ItemAskedAgainAsync(item, cancellationToken) : desk.ItemOpenedAsync(item, cancellationToken),
            cancellationToken);

    /// <summary>Shows a new draft where the item is shown (the Telegram review message gains its Send draft button).
    /// Never throws: the draft is on the page and in the API whatever a desk does.</summary>
    public Task AnnounceDraftAsync(ReviewItem item, CancellationToken cancellationToken) =>
        AtEveryDeskAsync(item, desk => desk.ItemDraftedAsync(item, cancellationToken), cancellationToken);

    public Task<ReviewItem?> GetAsync(long id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>Checks candidates against the corpus the bot runs on now.</summary>
    public async Task<CorpusCheck> CorpusCheckAsync(CancellationToken cancellationToken) => new(await index.GetAsync(cancellationToken));

    public Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewStatus? status, int max, CancellationToken cancellationToken) =>
        store.ListAsync(status, max, cancellationToken);

    /// <summary>Sends candidate k, an edited candidate, a new answer, or the item's draft in reply to the original
    /// message, and learns it.</summary>
    public async Task<ReviewResult> ApproveAsync(long id, ReviewApproval approval, string maintainer, CancellationToken cancellationToken)
    {
        var item = await store.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound(id);
        }

        if (approval.Draft)
        {
            if (approval.Candidate is not null || approval.Text is not null)
            {
                return new(ReviewResultKind.Invalid, item, "send the draft, or a candidate or a text, not both");
            }

            if (item.Draft is not { } draft)
            {
                return item.IsDecided
                    ? new(ReviewResultKind.AlreadyDecided, item, $"item {id} was already {Describe(item)}; nothing was sent")
                    : new(ReviewResultKind.Invalid, item, $"item {id} has no draft (none was written, or it is still being written); send a candidate or write an answer");
            }

            // the draft goes out as a maintainer's new answer: checked, posted and learned like any written one
            approval = new ReviewApproval(null, draft.Text);
        }

        var text = approval.Text?.Trim();
        if (approval.Candidate is { } k && (k < 1 || k > item.Candidates.Count))
        {
            return new(ReviewResultKind.Invalid, item, item.Candidates.Count == 0
                ? $"item {id} has no candidates; write an answer instead"
                : $"candidate {k} does not exist; item {id} has candidates 1 to {item.Candidates.Count}");
        }

        if (approval.Candidate is null && approval.Text is null)
        {
            return new(ReviewResultKind.Invalid, item, "choose a candidate or write an answer");
        }

        if (approval.Text is not null && string.IsNullOrWhiteSpace(text))
        {
            return new(ReviewResultKind.Invalid, item, "the answer is empty; nothing was sent");
        }

        if (text is not null && text.Length > options.Value.MaxAnswerChars)
        {
            return new(ReviewResultKind.Invalid, item, $"the answer is {text.Length} characters; at most {options.Value.MaxAnswerChars} fit in a chat message");
        }

        if (approval is { Candidate: { } chosen, Text: null }
            && (await CorpusCheckAsync(cancellationToken)).Changed(item.Candidates[chosen - 1]) is { } changed)
        {
            return new(ReviewResultKind.Invalid, item, $"candidate {chosen} cannot be sent as it is: the corpus changed since item {id} was opened ({changed}); edit it to send its text as a new answer, or reject");
        }

        if (await ExpireIfStaleAsync(item, cancellationToken) is { } expired)
        {
            return expired;
        }

        var verdict = text is null
            ? new ReviewVerdict(ReviewStatus.Approved, maintainer, clock.UtcNow, Chosen: approval.Candidate)
            : new ReviewVerdict(ReviewStatus.Edited, maintainer, clock.UtcNow, Chosen: approval.Candidate, Answer: text);
        var (outcome, decided) = await store.DecideAsync(id, verdict, cancellationToken);
        if (outcome != DecideOutcome.Decided)
        {
            return Refused(id, outcome, decided);
        }

        LogDecided(id, decided!.Status, maintainer);
        metrics.ReviewDecided(decided);
        var posted = await publisher.PublishAsync(decided, learned: null, cancellationToken);
        await TellDesksAsync(posted, cancellationToken);
        return new(ReviewResultKind.Done, posted, posted.PostError is { } error
            ? $"approved, but posting failed: {error}"
            : posted.Askers.Count > 1 ? $"sent in reply to the question, to each of its {posted.Askers.Count} askers" : "sent in reply to the question");
    }

    /// <summary>Closes the item without sending anything; <paramref name="notAQuestion"/> says the message was not a
    /// question at all.</summary>
    public async Task<ReviewResult> RejectAsync(long id, string maintainer, bool notAQuestion, CancellationToken cancellationToken)
    {
        var verdict = new ReviewVerdict(ReviewStatus.Rejected, maintainer, clock.UtcNow, Note: notAQuestion ? "not a question" : "rejected");
        var (outcome, item) = await store.DecideAsync(id, verdict, cancellationToken);
        if (outcome != DecideOutcome.Decided)
        {
            return Refused(id, outcome, item);
        }

        LogDecided(id, ReviewStatus.Rejected, maintainer);
        metrics.ReviewDecided(item!);
        await TellDesksAsync(item!, cancellationToken);
        return new(ReviewResultKind.Done, item, notAQuestion ? "marked as not a question; nothing was sent" : "rejected; nothing was sent");
    }

    /// <summary>Records 👍/👎 on an automatic answer; 👎 opens a review item for the question (once). Nothing is
    /// recorded for a question that was never received (forged, or from another instance's data).</summary>
    public async Task<FeedbackResult> FeedbackAsync(MessageKey question, string userId, bool helpful, CancellationToken cancellationToken)
    {
        var received = await messages.GetReceivedAsync(question, cancellationToken);
        if (received is null || Read(received.Payload) is not { } message)
        {
            LogUnknownFeedback(question);
            return new(Known: false, Opened: null);
        }

        await store.RecordFeedbackAsync(new AnswerFeedback(question, userId, helpful, clock.UtcNow), cancellationToken);
        if (helpful)
        {
            return new(Known: true, Opened: null);
        }

        var decision = await (await index.GetAsync(cancellationToken)).DecideAsync(message.Text, cancellationToken: cancellationToken);
        var item = (await OpenAsync(message, ReviewReason.Feedback, decision, cancellationToken))!;
        await AnnounceAsync(item, cancellationToken);
        return new(Known: true, Opened: item);
    }

    /// <summary>Expires every pending item nobody asked for longer than <see cref="ReviewOptions.ExpireAfter"/>.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var expired = await store.ExpireAsync(clock.UtcNow - options.Value.ExpireAfter, clock.UtcNow, cancellationToken);
        foreach (var item in expired)
        {
            metrics.ReviewDecided(item);
            await TellDesksAsync(item, cancellationToken);
        }

        return expired.Count;
    }

    private async Task<ReviewResult?> ExpireIfStaleAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        if (item.IsDecided || clock.UtcNow - item.WaitingSince <= options.Value.ExpireAfter)
        {
            return null;
        }

        await ExpireAsync(cancellationToken);
        var now = await store.GetAsync(item.Id, cancellationToken);
        return now?.Status == ReviewStatus.Expired
            ? new(ReviewResultKind.AlreadyDecided, now, $"item {item.Id} expired (older than {options.Value.ExpireAfterHours} h); the conversation has moved on, nothing was sent")
            : null;
    }

    private Task TellDesksAsync(ReviewItem item, CancellationToken cancellationToken) =>
        AtEveryDeskAsync(item, desk => desk.ItemDecidedAsync(item, cancellationToken), cancellationToken);

    /// <summary>Runs the action at each desk; a desk that fails is logged and the others still run.</summary>
    private async Task AtEveryDeskAsync(ReviewItem item, Func<IReviewDesk, Task> action, CancellationToken cancellationToken)
    {
        foreach (var desk in desks)
        {
            try
            {
                await action(desk);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogDeskFailed(item.Id, desk.GetType().Name, e.Message);
            }
        }
    }

    private static ReviewResult NotFound(long id) => new(ReviewResultKind.NotFound, null, $"there is no review item {id}");

    private static ReviewResult Refused(long id, DecideOutcome outcome, ReviewItem? item) => outcome == DecideOutcome.NotFound
        ? NotFound(id)
        : new(ReviewResultKind.AlreadyDecided, item, $"item {id} was already {Describe(item!)}; nothing was sent");

    /// <summary>"approved by alice", "expired", … for refusals and the page.</summary>
    public static string Describe(ReviewItem item) => item.Status switch
    {
        ReviewStatus.Expired => "expired",
        ReviewStatus.Rejected when item.Note == "not a question" => $"marked as not a question by {item.DecidedBy}",
        _ => $"{item.Status.ToString().ToLowerInvariant()} by {item.DecidedBy}",
    };

    private static IncomingMessage? Read(string payload)
    {
        try
        {
            return ReviewJson.ReadMessage(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(3301, LogLevel.Information, "Review item {Id} {Status} by {Maintainer}")]
    private partial void LogDecided(long id, ReviewStatus status, string maintainer);

    [LoggerMessage(3302, LogLevel.Warning, "Review desk {Desk} failed on item {Id}: {Reason}; the item stays on the review page")]
    private partial void LogDeskFailed(long id, string desk, string reason);

    [LoggerMessage(3304, LogLevel.Information, "No review item for {Question}: the same question was {Verdict} in this chat on {DecidedAt:yyyy-MM-dd} (item {Id}); that verdict holds")]
    private partial void LogVerdictHolds(MessageKey question, long id, string verdict, DateTimeOffset decidedAt);

    [LoggerMessage(3305, LogLevel.Information, "{Question} joined review item {Id}, which asks the same question: asked {Count} times in {Chats} chats")]
    private partial void LogJoined(MessageKey question, long id, int count, int chats);

    [LoggerMessage(3303, LogLevel.Warning, "Feedback on {Question} ignored: no such question was received")]
    private partial void LogUnknownFeedback(MessageKey question);
}
