namespace SofaBot.Review.Web;

/// <summary>A review item as the REST API shows it.</summary>
internal sealed record ReviewItemJson(
    long Id,
    string Channel,
    string ChatId,
    string MessageId,
    string Question,
    string? Asker,
    DateTimeOffset AskedAt,
    DateTimeOffset CreatedAt,
    string Reason,
    float Confidence,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    int? Chosen,
    string? Answer,
    string? Note,
    DateTimeOffset? PostedAt,
    string? PostError,
    IReadOnlyList<ReviewCandidateJson> Candidates)
{
    public static ReviewItemJson From(ReviewItem item) => new(
        item.Id,
        item.Message.Key.Channel,
        item.Message.Key.ChatId,
        item.Message.Key.MessageId,
        item.Message.Text,
        item.Message.SenderName ?? item.Message.SenderId,
        item.Message.SentAt,
        item.CreatedAt,
        item.Reason.ToString().ToLowerInvariant(),
        item.Confidence,
        item.Status.ToString().ToLowerInvariant(),
        item.DecidedBy,
        item.DecidedAt,
        item.Chosen,
        item.Answer,
        item.Note,
        item.PostedAt,
        item.PostError,
        [.. item.Candidates.Select(c => new ReviewCandidateJson(c.PairId, c.Turn, c.Question, c.Answer, c.Score, c.Link, c.Project, c.Source, c.SourceUrl))]);
}

/// <param name="Link">The project's GitHub link.</param>
/// <param name="SourceUrl">The weekly the answer was printed in.</param>
internal sealed record ReviewCandidateJson(string PairId, int Turn, string Question, string Answer, float Score, string Link, string Project, string Source, string SourceUrl);
