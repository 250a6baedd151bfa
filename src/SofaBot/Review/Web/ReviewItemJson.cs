namespace SofaBot.Review.Web;

/// <summary>A review item as the REST API shows it.</summary>
/// <param name="Chat">Where it was asked, as a person names it ("SOFAJRaft 用户群 (Telegram)", "the local chat").</param>
/// <param name="Kind">What opened it: <c>suggest</c>, <c>noanswer</c> or <c>feedback</c>.</param>
/// <param name="Reason">Why the bot did not answer on its own, as it stated it (null on items of earlier releases).</param>
/// <param name="AskedCount">How many messages asked this question while it was pending (the original included).</param>
/// <param name="ChatCount">In how many chats they asked.</param>
/// <param name="Askers">Each message that asked, the original first; the answer is posted to each.</param>
/// <param name="Draft">The answer a model drafted for the maintainers (null when none).</param>
internal sealed record ReviewItemJson(
    long Id,
    string Channel,
    string ChatId,
    string Chat,
    string MessageId,
    string Question,
    string? Asker,
    DateTimeOffset AskedAt,
    DateTimeOffset CreatedAt,
    string Kind,
    string? Reason,
    float Confidence,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    int? Chosen,
    string? Answer,
    string? Note,
    DateTimeOffset? PostedAt,
    string? PostError,
    int AskedCount,
    int ChatCount,
    IReadOnlyList<ReviewAskerJson> Askers,
    IReadOnlyList<ReviewCandidateJson> Candidates,
    ReviewDraftJson? Draft)
{
    public static ReviewItemJson From(ReviewItem item, CorpusCheck corpus) => new(
        item.Id,
        item.Message.Key.Channel,
        item.Message.Key.ChatId,
        ReviewLabels.Chat(item.Message),
        item.Message.Key.MessageId,
        item.Message.Text,
        item.Message.SenderName ?? item.Message.SenderId,
        item.Message.SentAt,
        item.CreatedAt,
        item.Reason.ToString().ToLowerInvariant(),
        item.DecisionReason,
        item.Confidence,
        item.Status.ToString().ToLowerInvariant(),
        item.DecidedBy,
        item.DecidedAt,
        item.Chosen,
        item.Answer,
        item.Note,
        item.PostedAt,
        item.PostError,
        item.AskedCount,
        item.ChatCount,
        [.. item.Askers.Select(ReviewAskerJson.From)],
        [.. item.Candidates.Select(c => new ReviewCandidateJson(c.PairId, c.Turn, c.Question, c.Answer, c.Score, c.Link, c.Project, c.Source, c.SourceUrl, corpus.InCorpus(c)))],
        item.Draft is { } draft ? new ReviewDraftJson(draft.Text, draft.Model, draft.CreatedAt, draft.Candidate) : null);
}

/// <summary>A draft answer: approve it with <c>{"draft": true}</c>.</summary>
/// <param name="Text">What would be sent (Markdown); links other than the candidates' are already removed.</param>
/// <param name="Model">The model that wrote it.</param>
/// <param name="Candidate">The 1-based candidate it draws on.</param>
internal sealed record ReviewDraftJson(string Text, string Model, DateTimeOffset CreatedAt, int Candidate);

/// <param name="Link">The project's GitHub link.</param>
/// <param name="SourceUrl">The weekly the answer was printed in.</param>
/// <param name="InCorpus">False when the corpus changed since the item was opened and this pair is gone or reads
/// differently: it can then only be sent edited, as a new answer.</param>
internal sealed record ReviewCandidateJson(string PairId, int Turn, string Question, string Answer, float Score, string Link, string Project, string Source, string SourceUrl, bool InCorpus);

/// <summary>One message that asked an item's question.</summary>
/// <param name="PostedAt">When the decided answer was posted to it (or posting gave up: see <paramref name="PostError"/>).</param>
internal sealed record ReviewAskerJson(string Channel, string ChatId, string Chat, string MessageId, string? Asker, DateTimeOffset AskedAt, DateTimeOffset? PostedAt, string? PostError)
{
    public static ReviewAskerJson From(ReviewAsker asker) => new(
        asker.Message.Key.Channel,
        asker.Message.Key.ChatId,
        ReviewLabels.Chat(asker.Message),
        asker.Message.Key.MessageId,
        asker.Message.SenderName ?? asker.Message.SenderId,
        asker.AskedAt,
        asker.PostedAt,
        asker.PostError);
}
