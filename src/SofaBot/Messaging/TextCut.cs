namespace SofaBot.Messaging;

/// <summary>Cuts text that is too long for a reply where a reader expects a pause: at a sentence or line end near the
/// limit, else at the limit, with "…" after it.</summary>
internal static class TextCut
{
    public static string AtSentenceEnd(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        const string Ellipsis = "…";
        var room = Math.Max(1, max - Ellipsis.Length);
        var end = text.LastIndexOfAny(['。', '！', '？', '\n', '.', '!', '?', '；'], room - 1);
        var cut = end >= room / 2 ? text[..(end + 1)] : text[..room];
        return cut.TrimEnd() + Ellipsis;
    }
}
