namespace SofaBot.Messaging;

/// <summary>What a reply says, word for word, in reading order: blocks set apart by a blank line, each of a few lines.
/// It is the one place where a reply is put in words (<see cref="ReplyWording"/>): Telegram's HTML (which the local
/// chat shows too, and whose visible text <c>ask</c> prints) and DingTalk's markdown only mark these lines up, so a
/// maintainer running <c>ask</c> reads the words the group reads.</summary>
internal sealed record ReplyContent(IReadOnlyList<ReplyBlock> Blocks)
{
    /// <param name="reply">What to say.</param>
    /// <param name="mention">How users address the bot (<c>@SofaBot</c>), for the help text.</param>
    public static ReplyContent Of(OutgoingReply reply, string mention) => reply switch
    {
        AnswerReply answer => Answer(answer),
        NoAnswerReply none => NoAnswer(none),
        HelpReply help => new([.. ReplyWording.Help(help.English, mention).Select(paragraph => new ReplyBlock([ReplyLine.Plain(paragraph)]))]),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "unknown reply"),
    };

    /// <summary>The earlier question quoted, its answer (cut, then linked in full), the project, the source.</summary>
    private static ReplyContent Answer(AnswerReply reply)
    {
        var english = reply.English;
        var pair = reply.Match.Pair;
        var (answer, cut) = ReplyWording.Answer(reply);
        List<ReplyLine> match = reply.Continues is { } earlier ? [Continues(earlier, english)] : [];
        match.AddRange(
        [
            new HeadingLine(ReplyWording.Intro(pair.Weekly, english)),
            new QuoteLine(ReplyWording.PriorQuestion(pair, reply.Match.Turn)),
            new MarkdownLine(answer),
        ]);
        if (cut)
        {
            match.Add(new TextLine([new(ReplyWording.FullAnswer(english), pair.Weekly.SourceUrl)]));
        }

        if (reply.Translation is { } translation)
        {
            match.Add(ReplyLine.Plain(ReplyWording.MachineTranslated));
            match.Add(new MarkdownLine(translation));
        }

        List<ReplySpan> source = [new(ReplyWording.SourceLabel(english)), new(ReplyWording.SourceTitle(pair.Weekly, english), pair.Weekly.SourceUrl)];
        if (ReplyWording.Date(pair.Weekly, english) is { } date)
        {
            source.Add(new(date));
        }

        return new(
        [
            new(match),
            new([new TextLine([new(ReplyWording.ProjectLabel(english)), new(pair.Project.Name, pair.Project.Url)]), new TextLine(source)]),
        ]);
    }

    /// <summary>With plausible prior questions: "not sure it is the same question", the questions as links, whether the
    /// maintainers were asked, where else to ask. Without: "no earlier answer" and where to ask; nothing is said of
    /// the maintainers there, the place to ask is the answer.</summary>
    /// <summary>"接着上面「…」：" with the earlier question as the user wrote it, marked as theirs.</summary>
    private static TextLine Continues(string earlier, bool english)
    {
        var (before, after) = ReplyWording.ContinuesFrame(english);
        return new([new(before), new(ReplyWording.ContinuesQuote(earlier), FromUser: true), new(after)]);
    }

    private static ReplyContent NoAnswer(NoAnswerReply reply)
    {
        var english = reply.English;
        var (label, url) = ReplyWording.AskAt(reply.AskAt, english);
        if (reply.Closest.Count == 0)
        {
            return new(
            [
                new([ReplyLine.Plain(ReplyWording.NoAnswer(english))]),
                new([new TextLine([new(ReplyWording.AskAtLead(english, maintainersAsked: false)), new(label, url)])]),
            ]);
        }

        List<ReplyLine> closest = [ReplyLine.Plain(ReplyWording.MayHelp(reply.Closest.Count, english))];
        closest.AddRange(reply.Closest.Select(candidate => new BulletLine(
        [
            new(ReplyWording.PriorQuestion(candidate.Pair, candidate.Turn), candidate.Pair.Weekly.SourceUrl),
            new(ReplyWording.ProjectAside(candidate.Pair.Project.Name, english)),
        ])));
        List<ReplyLine> next = reply.MaintainersAsked ? [ReplyLine.Plain(ReplyWording.MaintainersAsked(english))] : [];
        next.Add(new TextLine([new(ReplyWording.AskAtLead(english, reply.MaintainersAsked)), new(label, url)]));
        return new([new(closest), new(next)]);
    }
}

/// <summary>Lines read together; a channel sets blocks apart with a blank line.</summary>
internal sealed record ReplyBlock(IReadOnlyList<ReplyLine> Lines);

/// <summary>One line of a reply. Its kind says how a channel marks it up, never what it says.</summary>
internal abstract record ReplyLine
{
    /// <summary>A line of plain words.</summary>
    public static TextLine Plain(string words) => new([new ReplySpan(words)]);
}

/// <summary>What the reply is (bold).</summary>
internal sealed record HeadingLine(string Text) : ReplyLine;

/// <summary>The earlier question, quoted.</summary>
internal sealed record QuoteLine(string Text) : ReplyLine;

/// <summary>An answer as the weekly (or a maintainer) wrote it, in Markdown; channels turn it into their markup.</summary>
internal sealed record MarkdownLine(string Markdown) : ReplyLine;

/// <summary>Words and links.</summary>
internal sealed record TextLine(IReadOnlyList<ReplySpan> Spans) : ReplyLine;

/// <summary>An item of a list: words and links.</summary>
internal sealed record BulletLine(IReadOnlyList<ReplySpan> Spans) : ReplyLine;

/// <summary>Words, linked to <paramref name="Url"/> when there is one.</summary>
/// <param name="FromUser">Words a user wrote (the earlier question a follow-up continues): every channel shows them as
/// plain text, never as the bot's own markup.</param>
internal sealed record ReplySpan(string Words, string? Url = null, bool FromUser = false);
