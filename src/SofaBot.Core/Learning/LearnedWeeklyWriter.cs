using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SofaBot.Corpus;
using SofaBot.Corpus.Parsing;
using SofaBot.Projects;

namespace SofaBot.Learning;

/// <summary>Exports learned pairs as a weekly: the front matter and "每周读者问答提炼" section of the real SOFA
/// Weeklies, each pair as they print one (asker line, quoted question, "A：" answer, project link line). Put in a
/// corpus folder, the file loads like any weekly and gives back every pair's question, answer, asker and project.</summary>
/// <remarks>What the corpus parser normalizes in any weekly comes back normalized here too: line ends, trailing
/// spaces, the first line's indentation, runs of blank lines, a code fence not set apart by blank lines, a link
/// whose label is its URL. Topics and issue links of corpus pairs are not written. See
/// <see cref="WeeklyTextEscaper"/> for how tricky text is kept as it is. The weekly digest
/// (<see cref="DigestWeeklyWriter"/>) is written with the same pieces, so it reads back the same way.</remarks>
public static partial class LearnedWeeklyWriter
{
    /// <summary>The name the real weeklies give a reader who left no name.</summary>
    public const string AnonymousAsker = "匿名";

    private const string SectionTitle = "每周读者问答提炼";

    /// <summary>The file name for an export on <paramref name="date"/>: <c>sofabot-learned-20261121.md</c>.</summary>
    public static string FileName(DateOnly date) =>
        $"{LearnedPairs.Slug}-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.md";

    /// <summary>The weekly's Markdown, with <c>\n</c> line ends.</summary>
    public static string Write(IReadOnlyList<QaPair> learnedPairs, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(learnedPairs);
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = StartWeekly(
            $"{LearnedPairs.Title} | {day}",
            "SofaBot 在社区群里回答、经维护者审核的问答",
            LearnedPairs.Title,
            "以下问答由 SofaBot 在社区群里回答，经维护者审核后整理成周报的格式。",
            date);
        foreach (var pair in learnedPairs)
        {
            AppendPair(text, pair);
        }

        return text.ToString();
    }

    /// <summary>The front matter, the banner line, the intro and the "每周读者问答提炼" heading, as the weeklies open;
    /// the pairs follow (<see cref="AppendPair"/>).</summary>
    internal static StringBuilder StartWeekly(string title, string description, string banner, string intro, DateOnly date)
    {
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new StringBuilder()
            .Append("---\n")
            .Append("title: ").Append(Yaml(title)).Append('\n')
            .Append("author: \"SofaBot\"\n")
            .Append("authorlink: \"https://github.com/sofastack\"\n")
            .Append("description: ").Append(Yaml(description)).Append('\n')
            .Append("categories: \"SOFA Weekly\"\n")
            .Append("tags: [\"SOFA Weekly\", \"SofaBot\"]\n")
            .Append("date: ").Append(day).Append("T00:00:00+08:00\n")
            .Append("---\n\n")
            .Append("SOFA WEEKLY | ").Append(banner).Append("\n\n")
            .Append(intro).Append("\n\n")
            .Append("### ").Append(SectionTitle).Append("\n\n");
    }

    /// <summary>One pair as the weeklies print it: asker line, quoted question, "A：" answer, project link line.</summary>
    /// <param name="text">The weekly being written.</param>
    /// <param name="pair">The pair.</param>
    /// <param name="askerNote">Said after the asker's name, inside the asker line ("（3 人问过）"): the parser reads it
    /// as part of the name, never as part of the question.</param>
    internal static void AppendPair(StringBuilder text, QaPair pair, string? askerNote = null)
    {
        text.Append(AskerLine(pair.Asker, askerNote)).Append("\n\n");
        foreach (var turn in pair.Turns)
        {
            AppendQuestion(text, turn.Question);
            foreach (var line in AnswerLines(turn.Answer))
            {
                text.Append(line).Append('\n');
            }

            text.Append('\n');
        }

        if (LinkLine(pair.Project) is { } link)
        {
            text.Append(link).Append("\n\n");
        }
    }

    /// <summary>The question as a quote the parser reads back unchanged, then a blank line.</summary>
    internal static void AppendQuestion(StringBuilder text, string question)
    {
        foreach (var line in WeeklyTextEscaper.Lines(question, question: true))
        {
            text.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');
        }

        text.Append('\n');
    }

    /// <summary>"A：" and the answer: on the same line when the parser reads that back as the answer's first
    /// line, else the answer starts on the next line (the parser joins the two without a break).</summary>
    private static List<string> AnswerLines(string answer)
    {
        var lines = WeeklyTextEscaper.Lines(answer, question: false);
        if (lines.Count > 0 && lines[0].Length > 0 && LineProbe.Read("A：" + lines[0]) is AnswerLine { Markdown: var first } && first == lines[0])
        {
            lines[0] = "A：" + lines[0];
            return lines;
        }

        lines.Insert(0, "A：");
        return lines;
    }

    /// <summary>"**@name** 提问：". A name the parser would not read back (one holding "@", "#", "*" or "提问", or over
    /// 40 characters with the note) is written with full-width "＠", "＃", "＊" and cut; no name at all is the weeklies'
    /// "匿名". The note, when given, follows the name and is kept whole.</summary>
    internal static string AskerLine(string? asker, string? note = null)
    {
        var name = Whitespace().Replace(asker ?? "", " ").Trim();
        var suffix = Whitespace().Replace(note ?? "", " ").Trim();
        if (name.Length == 0)
        {
            name = AnonymousAsker;
        }

        if (ReadsBack(name + suffix))
        {
            return Asker(name + suffix);
        }

        var safe = name.Replace('@', '＠').Replace('#', '＃').Replace('*', '＊').Replace("提问", "提 问", StringComparison.Ordinal);
        var cut = Math.Clamp(40 - suffix.Length, 0, safe.Length);
        safe = safe[..(cut > 0 && char.IsHighSurrogate(safe[cut - 1]) ? cut - 1 : cut)].Trim(); // never half an emoji
        return Asker(ReadsBack(safe + suffix) && safe.Length > 0 ? safe + suffix : ReadsBack(AnonymousAsker + suffix) ? AnonymousAsker + suffix : AnonymousAsker);

        static bool ReadsBack(string name) => LineProbe.Read(Asker(name)) is AskerLine { Name: var read, Rest: "" } && read == name;
    }

    private static string Asker(string name) => $"**@{MarkdownEscape().Replace(name, @"\$0")}** 提问：";

    /// <summary>"SOFAJRaft：[url](url)", as the weeklies print it; none for a project without a GitHub repository
    /// (the parser only takes GitHub links as project links).</summary>
    private static string? LinkLine(ProjectLink project)
    {
        var url = project.Url.Trim();
        if (ProjectCatalog.RepositoryKey(url) is null || url.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '<' or '>'))
        {
            return null;
        }

        // the parser reads a label of ASCII letters, digits, spaces, dots and dashes; another name is found by its URL
        var repository = url.TrimEnd('/').Split('/')[^1];
        var label = Label().IsMatch(project.Name) ? project.Name : Label().IsMatch(repository) ? repository : "GitHub";
        return $"{label}：[{url}]({url})";
    }

    private static string Yaml(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[!-/:-@\[-`{-~]")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9 ._-]{0,30}$")]
    private static partial Regex Label();
}
