namespace SofaBot.Corpus.Parsing;

/// <summary>What a line means for the Q&amp;A layout of a weekly; see <see cref="QaLineClassifier"/>.</summary>
internal abstract record QaLine(DocLine Source);

/// <summary>A heading or title that opens a Q&amp;A section ("每周读者问答提炼", "GitHub issue 精选").</summary>
internal sealed record SectionStartLine(DocLine Source) : QaLine(Source);

/// <summary>A heading, or a bold or well-known title, that may close the Q&amp;A section.</summary>
internal sealed record SectionTitleLine(DocLine Source) : QaLine(Source);

/// <summary>An asker: <c>**1、@X** 提问：</c>, <c>@X 提问:</c>, <c>**2.@user** **#934**</c>, <c>**1. 小白**</c>…</summary>
/// <param name="Name">The name without <c>@</c>.</param>
/// <param name="Rest">Text after <c>提问：</c> on the same line (the start of the question), or "".</param>
/// <param name="Issue">The GitHub issue number of "issue 精选" items.</param>
/// <param name="Numbered">True when the line is a numbered item (<c>1、</c>, <c>2.</c>), which starts a new group.</param>
internal sealed record AskerLine(DocLine Source, string Name, string Rest, int? Issue, bool Numbered) : QaLine(Source);

/// <summary>A line that is only <c>@name</c>: the asker, printed under an issue header that named the project.</summary>
internal sealed record AtNameLine(DocLine Source, string Name) : QaLine(Source);

/// <summary>A bold group header such as <c>**2、关于 SOFARegistry 的几个问题：**</c>: not a pair, a topic for the pairs under it.</summary>
internal sealed record GroupHeaderLine(DocLine Source, string Topic, bool Numbered) : QaLine(Source);

/// <summary>An answer line (<c>A：</c>, <c>A:</c>, <c>A ：</c>); <paramref name="Markdown"/> is the rest of the line.</summary>
internal sealed record AnswerLine(DocLine Source, string Markdown) : QaLine(Source);

/// <summary>A project link line such as <c>「SOFARPC」：[url](url)</c> or <c>MOSN：url</c>.</summary>
internal sealed record LinkLine(DocLine Source, string Label, string Url) : QaLine(Source);

/// <summary>A project label alone (<c>「MOSN」：</c>) whose URL follows on the next line.</summary>
internal sealed record LinkLabelLine(DocLine Source, string Label) : QaLine(Source);

/// <summary>Anything else: question or answer text, images, code, or noise between pairs.</summary>
internal sealed record ContentLine(DocLine Source) : QaLine(Source);
