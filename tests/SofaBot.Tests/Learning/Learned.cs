using SofaBot.Learning;

namespace SofaBot.Tests.Learning;

/// <summary>Learned entries as the review flow stores them.</summary>
internal static class Learned
{
    /// <summary>23:30 on 20 November at UTC−2: already 21 November in UTC.</summary>
    public static readonly DateTimeOffset ApprovedAt = new(2026, 11, 20, 23, 30, 0, TimeSpan.FromHours(-2));

    public static LearnedEntry Pair(long id, string question, string answer, string project = "SOFAJRaft", string url = "https://github.com/sofastack/sofa-jraft", string? asker = "张三") =>
        new(id, LearnedKind.Pair, LearnedPairs.IdFor(id), 0, question, answer, project, url, asker, "maintainer", ApprovedAt, ReviewItemId: id);

    public static LearnedEntry Alternate(long id, string pairId, string question, int turn = 0) =>
        new(id, LearnedKind.AlternateQuestion, pairId, turn, question, null, null, null, "李四", "maintainer", ApprovedAt, ReviewItemId: id);
}
