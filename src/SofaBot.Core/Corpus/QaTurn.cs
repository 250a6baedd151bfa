namespace SofaBot.Corpus;

/// <summary>One question of a pair and the maintainers' answer to it, both as clean Markdown.</summary>
/// <remarks>Follow-up questions are common in the weeklies; each is its own turn so it can be indexed on its own.
/// <see cref="Answer"/> is empty when the weekly printed a question without an answer.</remarks>
public sealed record QaTurn(string Question, string Answer);
