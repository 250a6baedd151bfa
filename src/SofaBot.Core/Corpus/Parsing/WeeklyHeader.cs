using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SofaBot.Corpus.Parsing;

/// <summary>A weekly's title and date: from its YAML front matter, or from the first lines of a plain-text export.</summary>
internal sealed partial record WeeklyHeader(string? Title, DateOnly? Date)
{
    public static WeeklyHeader Read(MarkdownDocument document, SourceText source, string file, string slug, List<CorpusWarning> warnings)
    {
        var header = document.FirstOrDefault() is YamlFrontMatterBlock frontMatter
            ? FromFrontMatter(frontMatter, file, warnings)
            : FromPlainText(document, source, file, warnings);

        // the slugs of the weeklies carry their date (sofa-weekly-20211119); use it when the file has none
        var date = header.Date ?? DateFromSlug(slug);
        if (date is null)
        {
            warnings.Add(new CorpusWarning(file, 1, "no date found (front matter 'date', a yyyy-MM-dd line, or the file name)"));
        }

        return header with { Date = date, Title = string.IsNullOrWhiteSpace(header.Title) ? slug : header.Title.Trim() };
    }

    private static WeeklyHeader FromFrontMatter(YamlFrontMatterBlock block, string file, List<CorpusWarning> warnings)
    {
        var yaml = string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString()));
        try
        {
            var stream = new YamlStream();
            stream.Load(new AliasRefusingParser(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                warnings.Add(new CorpusWarning(file, 1, "front matter is not a YAML mapping (expected 'title:' and 'date:' keys)"));
                return new WeeklyHeader(null, null);
            }

            var title = Scalar(root, "title");
            var dateText = Scalar(root, "date");
            DateOnly? date = null;
            if (dateText is not null)
            {
                date = ParseDate(dateText);
                if (date is null)
                {
                    warnings.Add(new CorpusWarning(file, LineOfKey(root, "date"), $"front matter 'date' is not a date: \"{dateText}\""));
                }
            }

            return new WeeklyHeader(title, date);
        }
        catch (YamlException e)
        {
            // the front matter starts on line 2 of the file, after the opening "---"
            var recovered = RecoverKeys(yaml);
            var problem = e is FrontMatterAliasException ? e.Message : $"front matter is not valid YAML: {FirstLine(e.Message)}";
            warnings.Add(new CorpusWarning(file, (int)e.Start.Line + 1,
                problem + (recovered.Title is not null ? " (title and date read line by line)" : "")));
            return recovered;
        }
    }

    private static WeeklyHeader FromPlainText(MarkdownDocument document, SourceText source, string file, List<CorpusWarning> warnings)
    {
        if (source[0].TrimEnd() == "---")
        {
            warnings.Add(new CorpusWarning(file, 1, "front matter is not closed: the opening '---' has no closing '---'"));
        }

        // a plain-text export of a weekly page: title on the first line, "2021-11-12 · SOFA 团队 ·" soon after
        var title = document.OfType<LeafBlock>().FirstOrDefault(b => b is HeadingBlock or ParagraphBlock) is { } first
            ? source[first.Line].Trim().TrimStart('#').Trim()
            : null;
        DateOnly? date = null;
        for (var i = 0; i < Math.Min(source.LineCount, 12) && date is null; i++)
        {
            if (DateInText().Match(source[i]) is { Success: true } m)
            {
                date = ParseDate(m.Value);
            }
        }

        return new WeeklyHeader(title is { Length: > 0 and <= 200 } ? title : null, date);
    }

    /// <summary>Hugo accepts some front matter strict YAML rejects (a quoted value whose closing quote wraps to
    /// column 0); read the one-line <c>key: value</c> entries on their own so the title and date survive.</summary>
    private static WeeklyHeader RecoverKeys(string yaml)
    {
        string? title = null;
        DateOnly? date = null;
        foreach (var line in yaml.Split('\n'))
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new AliasRefusingParser(line));
                if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode entry)
                {
                    title ??= Scalar(entry, "title");
                    date ??= Scalar(entry, "date") is { } text ? ParseDate(text) : null;
                }
            }
            catch (YamlException)
            {
                // this line is the broken (or refused) part; the others may still hold the title and date
            }
        }

        return new WeeklyHeader(title, date);
    }

    private static string? Scalar(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static int LineOfKey(YamlMappingNode root, string key) =>
        root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) is { } node ? (int)node.Start.Line + 1 : 1;

    private static DateOnly? ParseDate(string text)
    {
        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            // the date as written (2021-11-19T15:00:00+08:00 is the 19th), not converted to another zone
            return DateOnly.FromDateTime(stamp.DateTime);
        }

        return DateInText().Match(text) is { Success: true } m && DateOnly.TryParseExact(
            $"{m.Groups["y"].Value}-{int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture):00}-{int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture):00}",
            "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static DateOnly? DateFromSlug(string slug) =>
        SlugDate().Match(slug) is { Success: true } m && DateOnly.TryParseExact(m.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex(@"(?<y>20\d\d)\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})")]
    private static partial Regex DateInText();

    [GeneratedRegex(@"20\d\d[01]\d[0-3]\d")]
    private static partial Regex SlugDate();
}
