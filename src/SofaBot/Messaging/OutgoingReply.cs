using SofaBot.Projects;
using SofaBot.Retrieval;

namespace SofaBot.Messaging;

/// <summary>What the bot says to a message, before it is put in words (<see cref="ReplyContent"/>) and a channel's
/// markup. Every link in it comes from the matched record, never from the message.</summary>
/// <param name="English">Reply in English (the message has no Chinese) rather than Chinese.</param>
internal abstract record OutgoingReply(bool English);

/// <summary>A prior answer: the question it answered, the answer, the project with its GitHub link, the weekly.</summary>
/// <param name="Continues">The earlier question a follow-up continues, when the message replied to the bot: the
/// answer says so first.</param>
/// <param name="Translation">A machine translation of the answer into English (<c>Assistant:TranslateAnswers</c>),
/// shown under it and marked as such.</param>
internal sealed record AnswerReply(Candidate Match, int MaxAnswerChars, bool English, string? Continues = null, string? Translation = null) : OutgoingReply(English);

/// <summary>The bot was asked but has no confident answer. With plausible prior questions it says it is not sure they
/// are the same question and lists them, and that the maintainers were asked when they were; without, that there is
/// no earlier answer. Either way it points to where to ask (the project's GitHub issues).</summary>
/// <param name="Closest">The plausible prior questions, best first (none: no earlier answer).</param>
/// <param name="AskAt">The project whose issues the asker is pointed to.</param>
/// <param name="English">Reply in English rather than Chinese.</param>
/// <param name="MaintainersAsked">A review item was opened for the message. Only then does a reply with prior
/// questions say the maintainers were asked: a rejection of the same question that still holds opens none.</param>
internal sealed record NoAnswerReply(IReadOnlyList<Candidate> Closest, Project AskAt, bool English, bool MaintainersAsked = false) : OutgoingReply(English);

/// <summary>What the bot does and how to ask it (<c>/start</c>, <c>/help</c>, a mention with no question).</summary>
internal sealed record HelpReply(bool English) : OutgoingReply(English);
