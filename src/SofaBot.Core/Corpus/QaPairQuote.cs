using System.Globalization;
using System.Text;

namespace SofaBot.Corpus;

/// <summary>Writes a pair the way SofaBot quotes it: who asked, the question, the answer, follow-ups, the project's
/// GitHub link and the weekly it came from.</summary>
public static class QaPairQuote
{
    public static string Format(QaPair pair)
    {
        var text = new StringBuilder();
        text.Append(pair.Asker is { } asker ? $"@{asker} 提问：" : "提问：");
        if (pair.Topic is { } topic)
        {
            text.Append('（').Append(topic).Append('）');
        }

        text.Append('\n');
        foreach (var turn in pair.Turns)
        {
            text.Append(Quote(turn.Question)).Append('\n');
            text.Append(turn.Answer.Length > 0 ? $"A：{turn.Answer}" : "A：（周报未给出回答）").Append('\n');
        }

        text.Append('\n').Append(ProjectLine(pair)).Append('\n');
        if (pair.IssueUrl is { } issue)
        {
            text.Append("Issue：").Append(issue).Append('\n');
        }

        text.Append(SourceLine(pair.Weekly));
        return text.ToString();
    }

    /// <summary>「SOFAJRaft」：https://github.com/sofastack/sofa-jraft</summary>
    public static string ProjectLine(QaPair pair) => $"「{pair.Project.Name}」：{pair.Project.Url}";

    /// <summary>来源：SOFA Weekly … (2021-11-19) https://www.sofastack.tech/blog/sofa-weekly-20211119/</summary>
    public static string SourceLine(Weekly weekly)
    {
        var date = weekly.Date is { } d ? $"（{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）" : "";
        return $"来源：{weekly.Title}{date} {weekly.SourceUrl}";
    }

    private static string Quote(string markdown) => string.Join('\n', markdown.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));
}
