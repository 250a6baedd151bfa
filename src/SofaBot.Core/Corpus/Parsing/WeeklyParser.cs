using Markdig;

namespace SofaBot.Corpus.Parsing;

/// <summary>Parses one weekly (Markdown with YAML front matter, or a plain-text export of the page) into raw pairs.</summary>
internal static class WeeklyParser
{
    // built once and shared: Markdig pipelines are immutable and thread-safe
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UseAutoLinks()
        .UsePreciseSourceLocation()
        .Build();

    public static ParsedWeekly Parse(string text, string file, string slug)
    {
        var warnings = new List<CorpusWarning>();
        var source = new SourceText(text);
        var document = Markdown.Parse(text, Pipeline);
        var header = WeeklyHeader.Read(document, source, file, slug, warnings);
        var lines = DocLineReader.Read(document, source);
        if (lines.Count == 0 || (lines.Count == 1 && lines[0].Text == header.Title))
        {
            warnings.Add(new CorpusWarning(file, 1, "the file has no content besides its title"));
        }

        var (pairs, qaWarnings) = QaSectionReader.Read(lines, file);
        warnings.AddRange(qaWarnings);
        return new ParsedWeekly(header, pairs, warnings);
    }
}
