namespace SofaBot.Messaging;

/// <summary>A platform the bot replies on. Its name is the <see cref="Storage.MessageKey.Channel"/> of the messages it
/// brings in.</summary>
internal interface IChatChannel
{
    string Name { get; }

    /// <summary>Sends the reply to the message's chat, threaded to it where the platform allows. Retries what is worth
    /// retrying; throws <see cref="ReplyRejectedException"/> when the platform refuses it for good.</summary>
    Task SendAsync(IncomingMessage question, OutgoingReply reply, CancellationToken cancellationToken);
}

/// <summary>The platform refused a reply in a way retrying will not fix (the bot was removed from the chat, the
/// message is malformed, retries ran out).</summary>
internal sealed class ReplyRejectedException(string message, Exception? inner = null) : Exception(message, inner);
