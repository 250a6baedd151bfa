using System.Globalization;
using SofaBot.Corpus;
using SofaBot.Projects;
using SofaBot.Retrieval.Text;

namespace SofaBot.Messaging;

/// <summary>The words of the bot's replies in Chinese and English. They are used in one place,
/// <see cref="ReplyContent"/>, which every channel renders and <c>ask</c> prints: a reply reads the same on Telegram,
/// DingTalk, the local chat and the command line.</summary>
internal static class ReplyWording
{
    /// <summary>A prior question is quoted on one line, at most this long.</summary>
    private const int MaxQuestionChars = 160;

    /// <summary>Answers are cut below this whatever <c>Answering:MaxAnswerChars</c> says: with the header and the
    /// footer a reply stays under Telegram's 4096 characters.</summary>
    public const int MaxAnswerChars = 3000;

    public static string Intro(Weekly weekly, bool english) => Learning.LearnedPairs.IsLearned(weekly)
        ? (english ? "The maintainers answered this before:" : "维护者回答过这个问题：")
        : (english ? "This was answered in SOFA Weekly before:" : "这个问题在 SOFA Weekly 里回答过：");

    /// <summary>The earlier question a follow-up is shown with, at most this long.</summary>
    private const int MaxContinuesChars = 40;

    /// <summary>Above the answer to a follow-up: which earlier question it continues, cut short.</summary>
    public static string Continues(string earlier, bool english)
    {
        var (before, after) = ContinuesFrame(english);
        return before + ContinuesQuote(earlier) + after;
    }

    /// <summary>The words around the earlier question in <see cref="Continues"/>.</summary>
    public static (string Before, string After) ContinuesFrame(bool english) => english ? ("Following up on “", "”:") : ("接着上面「", "」：");

    /// <summary>The earlier question as <see cref="Continues"/> shows it: one line, cut short.</summary>
    public static string ContinuesQuote(string earlier)
    {
        var line = string.Join(' ', earlier.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > MaxContinuesChars ? line[..MaxContinuesChars].TrimEnd() + "…" : line;
    }

    public static string ProjectLabel(bool english) => english ? "Project: " : "项目：";

    public static string SourceLabel(bool english) => english ? "Source: " : "来源：";

    /// <summary>Heads an English rendering of a Chinese answer (<c>Assistant:TranslateAnswers</c>): a reader must know
    /// no maintainer wrote or checked it.</summary>
    public const string MachineTranslated = "In English (machine-translated):";

    public static string FullAnswer(bool english) => english ? "Full answer in the weekly" : "完整回答见周报";

    public static string NoAnswer(bool english) => english
        ? "I found no earlier answer to this in SOFA Weekly."
        : "SOFA Weekly 里没有找到回答过的类似问题。";

    /// <summary>Above earlier questions that are plausible but not sure: the reply must not claim both that nothing
    /// was found and that these were.</summary>
    public static string MayHelp(int count, bool english) => (count, english) switch
    {
        (1, true) => "Not sure it is the same question; this earlier answer may help:",
        (_, true) => "Not sure it is the same question; these earlier answers may help:",
        (1, false) => "不确定是不是同一个问题，这个旧问答可能有帮助：",
        _ => "不确定是不是同一个问题，这几个旧问答可能有帮助：",
    };

    /// <summary>Said only when a review item was opened for the message: an approved answer is posted in reply to it.</summary>
    public static string MaintainersAsked(bool english) => english
        ? "I asked the maintainers to check; if they confirm an answer, it will be posted here."
        : "已请维护者确认，确认后会回复在这里。";

    /// <param name="english">Reply in English.</param>
    /// <param name="maintainersAsked">The line before said the maintainers were asked already.</param>
    public static string AskAtLead(bool english, bool maintainersAsked) => (english, maintainersAsked) switch
    {
        (true, false) => "You can ask the maintainers in ",
        (true, true) => "You can also ask in ",
        (false, false) => "可以到这里问维护者：",
        (false, true) => "也可以在这里提问：",
    };

    /// <summary>The project after an earlier question in a list: " (SOFAJRaft)", "（SOFAJRaft）".</summary>
    public static string ProjectAside(string project, bool english) => english ? $" ({project})" : $"（{project}）";

    /// <summary>Where to ask about a project: its GitHub issues, or the organisation when no project is known.</summary>
    public static (string Label, string Url) AskAt(Project project, bool english) => project.IsOrganization
        ? (english ? "the SOFAStack projects on GitHub" : "SOFAStack 的 GitHub 项目", project.Repository)
        : (english ? $"{project.Name} GitHub issues" : $"{project.Name} 的 GitHub issues", project.Repository.TrimEnd('/') + "/issues");

    /// <summary>The source line's title: the weekly's, or the maintainers' review for a pair learned from one (it has
    /// no weekly until maintainers publish it in one).</summary>
    public static string SourceTitle(Weekly weekly, bool english) => !Learning.LearnedPairs.IsLearned(weekly)
        ? weekly.Title
        : english ? "reviewed by the SOFAStack maintainers" : "SOFAStack 维护者审核";

    public static string? Date(Weekly weekly, bool english) => weekly.Date is { } date
        ? (english ? " (" : "（") + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (english ? ")" : "）")
        : null;

    /// <summary>The answer of the matched turn, cut at a sentence end under the limit.</summary>
    public static (string Markdown, bool Cut) Answer(AnswerReply reply)
    {
        var answer = reply.Match.Pair.Turns[reply.Match.Turn].Answer.Trim();
        var max = Math.Min(reply.MaxAnswerChars, MaxAnswerChars);
        return (TextCut.AtSentenceEnd(answer, max), answer.Length > max);
    }

    /// <summary>The prior question of a turn as replies quote it (and review items keep it): plain text, on one line,
    /// short.</summary>
    public static string PriorQuestion(QaPair pair, int turn)
    {
        var lines = PlainText.FromMarkdown(pair.Turns[turn].Question).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return TextCut.AtSentenceEnd(string.Join(' ', lines), MaxQuestionChars);
    }

    public static string[] Help(bool english, string mention) => english
        ?
        [
            "I am SofaBot. I answer questions about SOFAStack projects (SOFAJRaft, SOFARPC, MOSN, Seata, SOFARegistry, SOFAArk, Layotto…) with the answers maintainers gave in SOFA Weekly.",
            $"In a group, mention me ({mention} your question), reply to one of my messages, or use /ask your question. In a private chat, just send the question.",
            "I answer only when I am confident; otherwise I say so and point to related earlier questions and to where to ask.",
        ]
        :
        [
            "我是 SofaBot，用 SOFA Weekly 里维护者回答过的问题，回答 SOFAStack 项目（SOFAJRaft、SOFARPC、MOSN、Seata、SOFARegistry、SOFAArk、Layotto…）的问题。",
            $"在群里 {mention} 并写下问题、回复我的消息，或者发送 /ask 问题；私聊时直接发问题就行。",
            "我只在有把握时回答；没把握时会直说，并给出可能相关的旧问答和提问的地方。",
        ];
}
