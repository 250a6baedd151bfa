using System.Text.RegularExpressions;
using SofaBot.Review;

namespace SofaBot.Drafts;

/// <summary>Keeps a model's text to the links its candidates give: every http(s) or www. address that is not exactly
/// one of the candidates' (their project links, weekly URLs, and links inside their answers) is removed before anyone
/// sees the text. A model can be talked into a phishing link by the question itself; a maintainer skimming a draft
/// should not have to spot it.</summary>
internal static partial class CandidateLinks
{
    /// <summary>Characters a sentence may end a URL with that are not part of it ("see https://x.y/z." or "（https://x.y/z）").</summary>
    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"', '。', '，', '；', '：', '！', '？', '）', '】', '》', '、'];

    /// <summary>The links the candidates give, as they are written.</summary>
    public static HashSet<string> Allowed(IEnumerable<ReviewCandidate> candidates)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            foreach (var link in new[] { candidate.Link, candidate.SourceUrl }.Concat(Find(candidate.Answer)))
            {
                if (!string.IsNullOrWhiteSpace(link))
                {
                    allowed.Add(link);
                }
            }
        }

        return allowed;
    }

    /// <summary>The text without any link outside <paramref name="allowed"/>, and how many were removed. A Markdown link
    /// to a removed address keeps its words; an empty <c>&lt;&gt;</c> or <c>()</c> left behind goes too.</summary>
    public static (string Text, int Removed) Keep(string text, IReadOnlySet<string> allowed)
    {
        var removed = 0;
        var kept = MarkdownLink().Replace(text, m =>
        {
            if (allowed.Contains(Trim(m.Groups["url"].Value)))
            {
                return m.Value;
            }

            removed++;
            return m.Groups["words"].Value;
        });
        kept = Address().Replace(kept, m =>
        {
            var url = Trim(m.Value);
            if (allowed.Contains(url))
            {
                return m.Value;
            }

            removed++;
            return m.Value[url.Length..];
        });
        if (removed > 0)
        {
            kept = EmptyBrackets().Replace(kept, "");
            kept = ExtraSpaces().Replace(kept, " ").Trim();
        }

        return (kept, removed);
    }

    private static IEnumerable<string> Find(string text) => Address().Matches(text).Select(m => Trim(m.Value));

    private static string Trim(string url) => url.TrimEnd(TrailingPunctuation);

    [GeneratedRegex(@"\[(?<words>[^\]\n]*)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    /// <summary>An address: a scheme (any case, so HTTPS:// too) or a bare www. host, up to whitespace or a bracket.</summary>
    [GeneratedRegex(@"(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|www\.)[^\s<>()\[\]{}""'`（）【】《》，。]+", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    [GeneratedRegex(@"<\s*>|\(\s*\)|（\s*）")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex ExtraSpaces();
}
