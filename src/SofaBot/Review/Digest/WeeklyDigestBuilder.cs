using System.Text.Json;
using SofaBot.Corpus;
using SofaBot.Learning;
using SofaBot.Projects;
using SofaBot.Storage;

namespace SofaBot.Review.Digest;

/// <summary>Gathers a period's questions from the state store into a <see cref="WeeklyDigest"/>: what got a good
/// answer (maintainers' approvals and edits, automatic answers askers gave 👍) and what is still unanswered.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>answered: items approved (the candidate sent) or edited (the maintainer's text) in the period; automatic
/// answers of the period with more 👍 than 👎, quoting the pair's turn the bot answered with. A message that a review
/// item stands for (its 👎 opened one, or joined one) counts by that item's verdict, never by its votes, as
/// maintainers outrank askers in <see cref="DecisionLabels"/>;</item>
/// <item>unanswered: items opened, asked or closed in the period without an answer: pending or expired ones (no
/// answer found, an uncertain match nobody confirmed, a 👎), and rejections. "Not a question" is a rejection that
/// says there is nothing to answer, so it is left out;</item>
/// <item>a question (<see cref="SameQuestion.Key"/>) appears once: the first good answer; an unanswered question
/// that got a good answer in the period is not listed as unanswered.</item>
/// </list>
/// </remarks>
internal sealed class WeeklyDigestBuilder(IReviewStore reviews, IDecisionLog decisions, IStateStore messages, ProjectCatalog catalog)
{
    private const string NotAQuestion = "not a question";

    /// <param name="now">The end of the period.</param>
    /// <param name="period">How far back it goes.</param>
    /// <param name="anonymous">Name every asker 匿名.</param>
    /// <param name="findPair">A pair of the corpus or a learned one, by id: what an automatic answer quoted.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<WeeklyDigest> BuildAsync(DateTimeOffset now, TimeSpan period, bool anonymous, Func<string, QaPair?> findPair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findPair);
        var since = now - period;
        var answered = new List<Listed<DigestAnswer>>();
        var unanswered = new List<Listed<DigestQuestion>>();
        var reviewed = new HashSet<MessageKey>();
        var learned = (await reviews.ListLearnedAsync(cancellationToken))
            .Where(e => e is { Kind: LearnedKind.Pair, ReviewItemId: not null })
            .DistinctBy(e => e.ReviewItemId)
            .ToDictionary(e => e.ReviewItemId!.Value);
        foreach (var item in await reviews.ListActiveSinceAsync(since, cancellationToken))
        {
            reviewed.Add(item.Message.Key);
            reviewed.UnionWith(item.Askers.Select(a => a.Message.Key));
            var question = item.Message.Text.Trim();
            var asker = anonymous ? null : item.Message.SenderName;
            if (question.Length == 0 || item is { Status: ReviewStatus.Rejected, Note: NotAQuestion })
            {
                continue;
            }

            if (item.Status is ReviewStatus.Approved or ReviewStatus.Edited)
            {
                if (item.DecidedAt >= since && Answer(item, learned.GetValueOrDefault(item.Id)) is { } answer)
                {
                    answered.Add(new(item.DecidedAt.Value, SameQuestion.Key(question), new DigestAnswer(Pair(asker, question, answer.Text, answer.Project), item.AskedCount)));
                }
            }
            else if ((item.DecidedAt ?? item.WaitingSince) >= since)
            {
                unanswered.Add(new(item.CreatedAt, SameQuestion.Key(question), new DigestQuestion(asker, question, item.AskedCount, Why(item))));
            }
        }

        await AddThumbsUpAsync(since, anonymous, findPair, reviewed, answered, cancellationToken);

        var answeredKeys = new HashSet<string>(StringComparer.Ordinal);
        var good = answered.OrderBy(a => a.At).Where(a => answeredKeys.Add(a.Key)).Select(a => a.Entry).ToList();
        var listedKeys = new HashSet<string>(answeredKeys, StringComparer.Ordinal);
        var open = unanswered.OrderBy(u => u.At).Where(u => listedKeys.Add(u.Key)).Select(u => u.Entry).ToList();
        return new WeeklyDigest(since, now, good, open);
    }

    /// <summary>The automatic answers of the period that askers found helpful.</summary>
    private async Task AddThumbsUpAsync(DateTimeOffset since, bool anonymous, Func<string, QaPair?> findPair, HashSet<MessageKey> reviewed, List<Listed<DigestAnswer>> answered, CancellationToken cancellationToken)
    {
        // a message handled again after a crash has a second row: the newest counts, as in calibration
        var answers = (await decisions.ListSinceAsync(since, cancellationToken))
            .Where(d => d.Answered && d.Shown.Count > 0)
            .GroupBy(d => d.Question)
            .Select(g => g.Last())
            .Where(d => !reviewed.Contains(d.Question));
        foreach (var decision in answers)
        {
            var votes = await reviews.ListFeedbackAsync(decision.Question, cancellationToken);
            if (votes.Count(v => v.Helpful) <= votes.Count(v => !v.Helpful))
            {
                continue;
            }

            // a pair gone from the corpus since leaves nothing to quote
            var shown = decision.Shown[0];
            if (findPair(shown.PairId) is not { } pair || shown.Turn < 0 || shown.Turn >= pair.Turns.Count || pair.Turns[shown.Turn].Answer.Length == 0)
            {
                continue;
            }

            var question = decision.QuestionText.Trim();
            var asker = anonymous ? null : await AskerOfAsync(decision.Question, cancellationToken);
            answered.Add(new(decision.At, SameQuestion.Key(question), new DigestAnswer(Pair(asker, question, pair.Turns[shown.Turn].Answer, pair.Project), 1)));
        }
    }

    /// <summary>The asker's name as the chat gave it, from the message as it was received; null when the retention
    /// sweep deleted it (<c>Storage:RetainMessagesDays</c>) or it does not read.</summary>
    private async Task<string?> AskerOfAsync(MessageKey question, CancellationToken cancellationToken)
    {
        if (await messages.GetReceivedAsync(question, cancellationToken) is not { } received)
        {
            return null;
        }

        try
        {
            return ReviewJson.ReadMessage(received.Payload).SenderName;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What was sent for an approved or edited item: the chosen candidate's answer, or the maintainer's text
    /// with the project the learned pair got (as <see cref="ReviewPublisher"/> decided it).</summary>
    private (string Text, ProjectLink Project)? Answer(ReviewItem item, LearnedEntry? learned)
    {
        var chosen = item.Chosen is { } k && k >= 1 && k <= item.Candidates.Count ? item.Candidates[k - 1] : null;
        if (item.Status == ReviewStatus.Approved)
        {
            return chosen is null ? null : (chosen.Answer, new ProjectLink(chosen.Project, chosen.Link, LinkSource.Weekly));
        }

        if (string.IsNullOrWhiteSpace(item.Answer))
        {
            return null;
        }

        var (name, url) = learned is { ProjectName: { Length: > 0 } learnedName, ProjectUrl: { Length: > 0 } learnedUrl }
            ? (learnedName, learnedUrl)
            : ReviewPublisher.ProjectFor(catalog, item.Message.Text.Trim(), chosen);
        return (item.Answer, new ProjectLink(name, url, LinkSource.Weekly));
    }

    /// <summary>Why an item is still unanswered, in the weekly's language.</summary>
    private static string Why(ReviewItem item)
    {
        var opened = item.Reason switch
        {
            ReviewReason.NoAnswer => "没有找到答案",
            ReviewReason.Suggest => "只找到不确定的旧问答",
            _ => "自动回答被点了 👎",
        };
        return item.Status switch
        {
            ReviewStatus.Rejected => opened + "，维护者审核后没有回答",
            ReviewStatus.Expired => opened + "，没有人审核",
            _ => opened + "，等待审核",
        };
    }

    private static QaPair Pair(string? asker, string question, string answer, ProjectLink project) => new()
    {
        Id = DigestWeeklyWriter.Slug,
        Weekly = new Weekly(DigestWeeklyWriter.Slug, DigestWeeklyWriter.Slug, null, SourceUrl: "", File: ""),
        Asker = asker,
        Turns = [new QaTurn(question, answer)],
        Project = project,
    };

    /// <summary>An entry with what orders it and what makes two entries the same question.</summary>
    private sealed record Listed<T>(DateTimeOffset At, string Key, T Entry);
}
