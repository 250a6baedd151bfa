namespace SofaBot.Messaging;

/// <summary>A platform the bot replies on. Its name is the <see cref="Storage.MessageKey.Channel"/> of the messages it
/// brings in.</summary>
internal interface IChatChannel
{
    string Name { get; }

    /// <summary>Sends the reply to the message's chat, threaded to it where the platform allows. Retries what is worth
    /// retrying; throws <see cref="ReplyRejectedException"/> when the platform refuses it for good.</summary>
    /// <returns>The platform's id of the message the bot sent, in the question's chat (what a reply to it names in
    /// <see cref="IncomingMessage.RepliesToMessageId"/>); null where nobody can reply to the bot's message (DingTalk),
    /// or where it went to another chat (a group that became a supergroup).</returns>
    Task<string?> SendAsync(IncomingMessage question, OutgoingReply reply, CancellationToken cancellationToken);
}

/// <summary>The platform refused a reply in a way retrying will not fix (the bot was removed from the chat, the
/// message is malformed, retries ran out).</summary>
internal sealed class ReplyRejectedException(string message, Exception? inner = null) : Exception(message, inner);
