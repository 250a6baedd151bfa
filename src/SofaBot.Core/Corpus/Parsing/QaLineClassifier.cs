using System.Text.RegularExpressions;

namespace SofaBot.Corpus.Parsing;

/// <summary>Decides what a <see cref="DocLine"/> means in a weekly's Q&amp;A section.</summary>
/// <remarks>The syntax tree already told us what each line is (heading, quote, list item, bold, link); what is
/// left is reading the words of one line: the <c>提问</c> after an asker's name, the <c>A：</c> of an answer, the
/// label before a project link. Those are the patterns below, each applied to a single line's visible text.</remarks>
internal static partial class QaLineClassifier
{
    private const int MaxTitleLength = 48;

    public static QaLine Classify(DocLine line)
    {
        var text = line.Text;
        if (line.Kind == DocLineKind.Code || line.StartsWithReference)
        {
            return new ContentLine(line);
        }

        if (IsSectionStart(text))
        {
            return new SectionStartLine(line);
        }

        if (line.Kind == DocLineKind.Heading)
        {
            return new SectionTitleLine(line);
        }

        if (line.QuoteDepth > 0)
        {
            return new ContentLine(line);
        }

        return ClassifyAsker(line, text)
            ?? ClassifyAnswer(line, text)
            ?? ClassifyLink(line)
            ?? ClassifyTitle(line, text)
            ?? new ContentLine(line);
    }

    /// <summary>True for a URL-only line pointing at GitHub: the second half of a label/URL link pair.</summary>
    public static string? GitHubUrlOnly(DocLine line)
    {
        if (line.Kind != DocLineKind.Text || line.QuoteDepth > 0 || line.StartsWithReference)
        {
            return null;
        }

        if (line.Links.Count == 1 && IsGitHub(line.Links[0].Url) && Punctuation().IsMatch(line.TextOutsideLinks))
        {
            return line.Links[0].Url;
        }

        var bare = BareGitHubUrl().Match(line.Text);
        return bare.Success && bare.Index == 0 && bare.Length == line.Text.Length ? bare.Value : null;
    }

    public static bool IsSectionStart(string text) =>
        text.Length <= MaxTitleLength && SectionStart().IsMatch(text);

    private static AskerLine? ClassifyAsker(DocLine line, string text)
    {
        if (text.Length > 80)
        {
            return null;
        }

        if (AskerWithAt().Match(text) is { Success: true } at)
        {
            return new AskerLine(line, CleanName(at.Groups["name"].Value), at.Groups["rest"].Value.Trim(), null, at.Groups["num"].Success);
        }

        if (IssueAsker().Match(text) is { Success: true } issue)
        {
            return new AskerLine(line, CleanName(issue.Groups["name"].Value), "", int.Parse(issue.Groups["issue"].Value, System.Globalization.CultureInfo.InvariantCulture), issue.Groups["num"].Success);
        }

        if (AskerWithoutAt().Match(text) is { Success: true } plain && !IsTopic(plain.Groups["name"].Value))
        {
            return new AskerLine(line, CleanName(plain.Groups["name"].Value), "", null, plain.Groups["num"].Success);
        }

        // 2022's "**1. 小白**": a numbered bold name with no 提问 at all
        if (line.IsAllBold && NumberedName().Match(text) is { Success: true } bare && !IsTopic(bare.Groups["name"].Value))
        {
            return new AskerLine(line, CleanName(bare.Groups["name"].Value), "", null, Numbered: true);
        }

        return null;
    }

    public static AtNameLine? ClassifyAtName(DocLine line) =>
        line.QuoteDepth == 0 && !line.StartsWithReference && AtNameOnly().Match(line.Text) is { Success: true } m ? new AtNameLine(line, CleanName(m.Groups["name"].Value)) : null;

    private static AnswerLine? ClassifyAnswer(DocLine line, string text)
    {
        if (!AnswerMarker().IsMatch(text))
        {
            return null;
        }

        // the marker may be bold ("**A：**") or doubled ("A：A：", "A：："); strip it from the Markdown too
        var markdown = AnswerMarkdownMarker().Replace(line.Markdown, "", 1);
        return new AnswerLine(line, markdown.Trim());
    }

    private static QaLine? ClassifyLink(DocLine line)
    {
        var githubLinks = line.Links.Where(l => IsGitHub(l.Url)).ToList();
        if (githubLinks.Count == 1 && line.Links.Count == 1 && LinkLabel().Match(line.TextOutsideLinks) is { Success: true } label)
        {
            return new LinkLine(line, label.Groups["label"].Value.Trim(), githubLinks[0].Url);
        }

        if (line.Links.Count == 0 && BareLinkLine().Match(line.Text) is { Success: true } bare)
        {
            return new LinkLine(line, bare.Groups["label"].Value.Trim(), bare.Groups["url"].Value);
        }

        if (line.Links.Count == 0 && LinkLabelAlone().Match(line.Text) is { Success: true } alone)
        {
            return new LinkLabelLine(line, alone.Groups["label"].Value.Trim());
        }

        return null;
    }

    private static QaLine? ClassifyTitle(DocLine line, string text)
    {
        if (line.IsAllBold && text.Length <= MaxTitleLength * 2)
        {
            if (GroupHeader().Match(text) is { Success: true } group)
            {
                return new GroupHeaderLine(line, group.Groups["topic"].Value.Trim().TrimEnd('：', ':').Trim(), group.Groups["num"].Success);
            }

            return new SectionTitleLine(line);
        }

        // plain-text exports lose the bold, but the other sections keep their well-known names
        return text.Length <= MaxTitleLength && KnownSectionTitle().IsMatch(text) ? new SectionTitleLine(line) : null;
    }

    private static bool IsTopic(string name) => name.StartsWith("关于", StringComparison.Ordinal) || name.Contains("欢迎", StringComparison.Ordinal);

    private static string CleanName(string name) => name.Trim().TrimStart('@').Trim();

    private static bool IsGitHub(string url) => GitHubUrl().IsMatch(url);

    [GeneratedRegex(@"每周读者问答提炼|(GitHub\s*)?issue\s*精选", RegexOptions.IgnoreCase)]
    private static partial Regex SectionStart();

    // "1、@X 提问：", "2、@匿名 提问：", "@X 提问：", "@曹飞提问：", "@汪辉 提问" (the "**" are gone from the text)
    [GeneratedRegex(@"^(?<num>\d{1,2}\s*[、.．]\s*)?@\s*(?<name>[^@#\s][^@#]{0,40}?)\s*提问\s*[：:]?\s*(?<rest>.*)$")]
    private static partial Regex AskerWithAt();

    // "王国柱 提问：", "1. 何烨 提问：", "沄澈|che 提问：", "2. 肖文璧 提问"
    [GeneratedRegex(@"^(?<num>\d{1,2}\s*[、.．]\s*)?(?<name>[^@\s\d][^@]{0,23}?)\s*提问\s*[：:]?\s*$")]
    private static partial Regex AskerWithoutAt();

    // 2023's issue items: "1. @dengqian #2203", "2.@hanzhihua #934", "@Estom#642", "1.@SOFAJRaft #965 提问："
    [GeneratedRegex(@"^(?<num>\d{1,2}\s*[、.．]\s*)?@\s*(?<name>[^\s#@]{1,40})\s*#\s*(?<issue>\d{1,6})\s*(提问\s*[：:]?)?\s*$")]
    private static partial Regex IssueAsker();

    [GeneratedRegex(@"^(?<num>\d{1,2}\s*[、.．])\s*(?<name>[^\s：:，,。？?]{1,16})$")]
    private static partial Regex NumberedName();

    [GeneratedRegex(@"^@\s*(?<name>[^\s@]{1,40})$")]
    private static partial Regex AtNameOnly();

    [GeneratedRegex(@"^A\s*[：:]")]
    private static partial Regex AnswerMarker();

    [GeneratedRegex(@"^\s*(\*\*)?\s*(A\s*[：:]\s*)+[：:]?\s*(\*\*)?\s*")]
    private static partial Regex AnswerMarkdownMarker();

    // what surrounds the single link of a link line: "「SOFARPC」：", "MOSN:", "- SOFABoot：", "「MOSN」"
    [GeneratedRegex(@"^[-–•·\s]*「?\s*(?<label>[A-Za-z][A-Za-z0-9 ._-]{0,30}?)\s*」?\s*[：:]?\s*$")]
    private static partial Regex LinkLabel();

    [GeneratedRegex(@"^[-–•·\s]*「?\s*(?<label>[A-Za-z][A-Za-z0-9 ._-]{0,30}?)\s*」?\s*[：:]?\s*(?<url>https?://(www\.)?github\.com/\S*)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareLinkLine();

    [GeneratedRegex(@"^[-–•·\s]*「\s*(?<label>[A-Za-z][A-Za-z0-9 ._-]{0,30}?)\s*」\s*[：:]?\s*$|^[-–•·\s]*(?<label>[A-Za-z][A-Za-z0-9._-]{0,30})\s*[：:]\s*$")]
    private static partial Regex LinkLabelAlone();

    [GeneratedRegex(@"^https?://(www\.)?github\.com/\S*", RegexOptions.IgnoreCase)]
    private static partial Regex BareGitHubUrl();

    [GeneratedRegex(@"^https?://(www\.)?github\.com/", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubUrl();

    [GeneratedRegex(@"^[\s\p{P}]*$")]
    private static partial Regex Punctuation();

    // "2、关于 SOFARegistry 的几个问题：", "关于扩容：", "4、关于线上直播 … 提问回答", "1、《…》直播回顾以及 QA 整理"
    [GeneratedRegex(@"^(?:(?<num>\d{1,2}\s*[、.．]\s*)(?<topic>.+[：:])|(?<num>\d{1,2}\s*[、.．]\s*)?(?<topic>关于.*|.*(QA\s*整理|提问回答).*))$")]
    private static partial Regex GroupHeader();

    [GeneratedRegex(@"本周推荐阅读|新手任务计划|社区本周贡献|本周贡献|本周发布|欢迎扫码关注|SOFA\s*项目进展|社区\s*Big\s*News|推荐阅读")]
    private static partial Regex KnownSectionTitle();
}
