using SofaBot.Projects;
using SofaBot.Retrieval;

namespace SofaBot.Messaging;

/// <summary>What the bot says, before a channel renders it in its own markup (Telegram HTML, DingTalk markdown).
/// Every link in it comes from the matched record, never from the message.</summary>
/// <param name="English">Reply in English (the message has no Chinese) rather than Chinese.</param>
internal abstract record OutgoingReply(bool English);

/// <summary>A prior answer: the question it answered, the answer, the project with its GitHub link, the weekly.</summary>
internal sealed record AnswerReply(Candidate Match, int MaxAnswerChars, bool English) : OutgoingReply(English);

/// <summary>The bot was asked but has no confident answer: says so, lists the closest prior questions when some are
/// plausible, and points to where to ask (the project's GitHub issues).</summary>
internal sealed record NoAnswerReply(IReadOnlyList<Candidate> Closest, Project AskAt, bool English) : OutgoingReply(English);

/// <summary>What the bot does and how to ask it (<c>/start</c>, <c>/help</c>, a mention with no question).</summary>
internal sealed record HelpReply(bool English) : OutgoingReply(English);
