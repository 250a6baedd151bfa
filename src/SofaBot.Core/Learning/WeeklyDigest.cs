using SofaBot.Corpus;

namespace SofaBot.Learning;

/// <summary>What the community asked the bot in a period, as a draft of the next weekly's Q&amp;A section: the
/// questions that got a good answer, then those still waiting for one.</summary>
/// <param name="From">The start of the period.</param>
/// <param name="To">Its end (when the digest was made).</param>
/// <param name="Answered">Approved and edited answers, and automatic answers askers gave 👍, oldest first.</param>
/// <param name="Unanswered">Questions without a good answer yet, oldest first.</param>
public sealed record WeeklyDigest(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DigestAnswer> Answered, IReadOnlyList<DigestQuestion> Unanswered);

/// <summary>A question of the period with the answer that helped: one turn, its asker (null: 匿名) and project.</summary>
/// <param name="Pair">The question as the asker wrote it, the answer, the asker and the project.</param>
/// <param name="AskedCount">How many messages asked it (a review item several askers joined).</param>
public sealed record DigestAnswer(QaPair Pair, int AskedCount);

/// <summary>A question of the period that is still waiting for an answer.</summary>
/// <param name="Asker">Who asked, as the chat named them; null: 匿名.</param>
/// <param name="Question">What they asked.</param>
/// <param name="AskedCount">How many messages asked it.</param>
/// <param name="Why">Why it is listed, for the maintainers ("没有找到答案", "维护者审核后没有回答", "自动回答被点了 👎").</param>
public sealed record DigestQuestion(string? Asker, string Question, int AskedCount, string Why);
