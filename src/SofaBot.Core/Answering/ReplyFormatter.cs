using System.Globalization;
using System.Text;
using SofaBot.Retrieval;
using SofaBot.Retrieval.Text;

namespace SofaBot.Answering;

/// <summary>The reply SofaBot sends for a match: the prior question it answers, the answer, the project with its
/// GitHub link, and the weekly it came from. In the language of the message (Chinese or English labels).</summary>
/// <remarks>The original asker is named without an "@": quoting an old answer must not ping anyone.</remarks>
public static class ReplyFormatter
{
    private const int MaxQuestionChars = 160;

    public static string Format(Candidate match, string message, int maxAnswerChars)
    {
        var english = !message.Any(Tokenizer.IsHan);
        var pair = match.Pair;
        var turn = pair.Turns[match.Turn];
        var text = new StringBuilder();
        text.Append(english ? "This was answered in SOFA Weekly before:" : "这个问题在 SOFA Weekly 里回答过：").Append('\n');
        text.Append("> ").Append(PriorQuestion(pair, match.Turn)).Append('\n');
        text.Append(Cut(turn.Answer.Trim(), maxAnswerChars, english, pointToWeekly: true)).Append("\n\n");
        text.Append(english ? "Project: " : "项目：").Append(pair.Project.Name).Append(' ').Append(pair.Project.Url).Append('\n');
        text.Append(english ? "Source: " : "来源：").Append(pair.Weekly.Title);
        if (pair.Weekly.Date is { } date)
        {
            text.Append(english ? " (" : "（").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(english ? ")" : "）");
        }

        text.Append(' ').Append(pair.Weekly.SourceUrl);
        return text.ToString();
    }

    /// <summary>Cuts text under the limit at a sentence or line end when there is one near it.</summary>
    public static string Cut(string text, int max, bool english, bool pointToWeekly)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var suffix = !pointToWeekly ? "…" : english ? "… (full answer in the weekly)" : "…（完整回答见周报）";
        var room = Math.Max(1, max - suffix.Length);
        var end = text.LastIndexOfAny(['。', '！', '？', '\n', '.', '!', '?', '；'], room - 1);
        var cut = end >= room / 2 ? text[..(end + 1)] : text[..room];
        return cut.TrimEnd() + suffix;
    }

    /// <summary>The prior question of a turn as replies quote it: plain text, on one line, short.</summary>
    public static string PriorQuestion(Corpus.QaPair pair, int turn) =>
        Cut(OneLine(pair.Turns[turn].Question), MaxQuestionChars, english: false, pointToWeekly: false);

    private static string OneLine(string markdown) => string.Join(' ', PlainText.FromMarkdown(markdown).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
