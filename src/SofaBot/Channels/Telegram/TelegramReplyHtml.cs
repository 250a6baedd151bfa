using SofaBot.Messaging;

namespace SofaBot.Channels.Telegram;

/// <summary>A reply as Telegram shows it (HTML parse mode); the local chat shows the same HTML, and <c>ask</c> prints
/// its visible text. The words are <see cref="ReplyContent"/>'s; this only marks them up.</summary>
internal static class TelegramReplyHtml
{
    /// <summary>Telegram's limit on a message, counted after the markup is parsed.</summary>
    public const int MaxVisibleChars = 4096;

    /// <param name="reply">What to say.</param>
    /// <param name="mention">How users address the bot (<c>@SofaBot</c>), for the help text.</param>
    public static string Render(OutgoingReply reply, string mention) =>
        string.Join("\n\n", ReplyContent.Of(reply, mention).Blocks.Select(block => string.Join('\n', block.Lines.Select(Line))));

    private static string Line(ReplyLine line) => line switch
    {
        HeadingLine heading => "<b>" + TelegramHtml.Text(heading.Text) + "</b>",
        QuoteLine quote => "<blockquote>" + TelegramHtml.Text(quote.Text) + "</blockquote>",
        MarkdownLine markdown => TelegramHtml.FromMarkdown(markdown.Markdown),
        TextLine text => Spans(text.Spans),
        BulletLine bullet => "• " + Spans(bullet.Spans),
        _ => throw new ArgumentOutOfRangeException(nameof(line), line.GetType().Name, "unknown line"),
    };

    private static string Spans(IEnumerable<ReplySpan> spans) =>
        string.Concat(spans.Select(span => span.Url is { } url ? TelegramHtml.Link(url, span.Words) : TelegramHtml.Text(span.Words)));
}
