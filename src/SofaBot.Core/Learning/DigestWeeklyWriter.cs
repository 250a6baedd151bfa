using System.Globalization;
using System.Text;

namespace SofaBot.Learning;

/// <summary>Writes a <see cref="WeeklyDigest"/> as a SOFA Weekly: the answered questions in the "每周读者问答提炼"
/// section, printed as <see cref="LearnedWeeklyWriter"/> prints pairs (the corpus reads them back to the same
/// questions and answers), then, under a heading of its own that closes that section, the questions still waiting
/// for an answer: in the same asker-and-quote shape, without "A：", so that a maintainer can write the answer under
/// one and move it up, and so that the corpus never takes an unanswered question for a pair.</summary>
public static class DigestWeeklyWriter
{
    /// <summary>The slug prefix of a digest file (<c>sofabot-digest-20261206</c>): it has no page on sofastack.tech.</summary>
    public const string Slug = "sofabot-digest";

    /// <summary>The heading of the unanswered list. Any heading ends the Q&amp;A section for the parser; this one
    /// names no section the parser starts.</summary>
    public const string UnansweredTitle = "待解答的问题";

    // the weeklies are dated in China's time
    private static readonly TimeSpan WeeklyZone = TimeSpan.FromHours(8);

    /// <summary>The file name of a digest made on <paramref name="date"/>: <c>sofabot-digest-20261206.md</c>.</summary>
    public static string FileName(DateOnly date) => $"{Slug}-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.md";

    /// <summary>The day of the instant in the weeklies' time zone (UTC+8).</summary>
    public static DateOnly WeeklyDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(WeeklyZone).DateTime);

    /// <summary>The digest's Markdown, with <c>\n</c> line ends.</summary>
    public static string Write(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var (from, to) = (Day(digest.From), Day(digest.To));
        var text = LearnedWeeklyWriter.StartWeekly(
            $"SOFA Weekly | 每周读者问答提炼 {from} – {to}",
            $"SofaBot 整理的 {from} 至 {to} 社区群里的问答，供维护者编辑下一期周报",
            "每周精选，筛选每周精华问答",
            $"以下是 {from} 至 {to} SofaBot 在社区群里收到的问题：维护者审核通过或修改过的回答，以及提问者点了 👍 的自动回答。",
            WeeklyDay(digest.To));
        if (digest.Answered.Count == 0)
        {
            text.Append("这段时间没有得到好的回答的问题。\n\n");
        }

        foreach (var answer in digest.Answered)
        {
            LearnedWeeklyWriter.AppendPair(text, answer.Pair, AskedNote(answer.AskedCount));
        }

        text.Append("### ").Append(UnansweredTitle).Append("\n\n");
        if (digest.Unanswered.Count == 0)
        {
            text.Append("这段时间没有待解答的问题。\n");
            return text.ToString();
        }

        text.Append("以下问题还没有好的回答，请维护者在周报里解答：在问题下写上“A：”和回答，再把它移到上面的问答里。\n\n");
        foreach (var question in digest.Unanswered)
        {
            AppendUnanswered(text, question);
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Why it is listed, then the asker line and the quoted question: the two a maintainer moves up, with
    /// "A：" and the answer under the quote.</summary>
    private static void AppendUnanswered(StringBuilder text, DigestQuestion question)
    {
        text.Append('（').Append(question.Why);
        if (question.AskedCount > 1)
        {
            text.Append('，').Append(question.AskedCount.ToString(CultureInfo.InvariantCulture)).Append(" 人问过");
        }

        text.Append("）\n\n");
        text.Append(LearnedWeeklyWriter.AskerLine(question.Asker)).Append("\n\n");
        LearnedWeeklyWriter.AppendQuestion(text, question.Question);
    }

    /// <summary>"（3 人问过）" for a question several askers asked; none for one.</summary>
    private static string? AskedNote(int askedCount) =>
        askedCount > 1 ? $"（{askedCount.ToString(CultureInfo.InvariantCulture)} 人问过）" : null;

    private static string Day(DateTimeOffset at) => WeeklyDay(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
