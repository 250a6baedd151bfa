using SofaBot.Messaging;

namespace SofaBot.Review;

/// <summary>One message that asked a review item's question: the original, or one that joined the item while it was
/// pending (the same question, here or in another chat). An approval is posted to each asker in its own chat, once:
/// hence a posting state per asker.</summary>
/// <param name="Id">The asker's row, which posting claims.</param>
/// <param name="Message">The message, with its reply route.</param>
/// <param name="AskedAt">When it joined the item (the item's creation for the original).</param>
/// <param name="PostedAt">When the decided answer was posted to it, or posting gave up; null while it still has to be.</param>
/// <param name="PostError">Why posting to it failed or was skipped, if it was.</param>
internal sealed record ReviewAsker(long Id, IncomingMessage Message, DateTimeOffset AskedAt, DateTimeOffset? PostedAt, string? PostError);
