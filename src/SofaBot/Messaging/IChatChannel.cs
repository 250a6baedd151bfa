namespace SofaBot.Messaging;

/// <summary>A platform the bot replies on. Its name is the <see cref="Storage.MessageKey.Channel"/> of the messages it
/// brings in.</summary>
internal interface IChatChannel
{
    string Name { get; }

    /// <summary>Sends the reply to the message's chat, threaded to it where the platform allows. Retries a few times
    /// what surely did not arrive; throws <see cref="ReplyDeferredException"/> when the platform is still failing after
    /// that (the caller tries again later), and <see cref="ReplyRejectedException"/> when it refuses the reply for good
    /// or when the reply may already have arrived.</summary>
    /// <returns>The platform's id of the message the bot sent, in the question's chat (what a reply to it names in
    /// <see cref="IncomingMessage.RepliesToMessageId"/>); null where nobody can reply to the bot's message (DingTalk),
    /// or where it went to another chat (a group that became a supergroup).</returns>
    Task<string?> SendAsync(IncomingMessage question, OutgoingReply reply, CancellationToken cancellationToken);
}

/// <summary>The platform refused a reply in a way retrying will not fix (the bot was removed from the chat, the
/// message is malformed), or the reply may already have arrived, so sending it again risks a second copy.</summary>
/// <param name="mayHaveBeenDelivered">A request went out and its answer was lost (a timeout, a dropped connection,
/// an unreadable answer), and so did the one more attempt allowed after it. No other route is tried either.</param>
internal sealed class ReplyRejectedException(string message, Exception? inner = null, bool mayHaveBeenDelivered = false) : Exception(message, inner)
{
    public bool MayHaveBeenDelivered { get; } = mayHaveBeenDelivered;
}

/// <summary>The platform failed in a way that time fixes (an outage, 5xx, throttling, a network error before the
/// request went out), and a few quick retries did not get through. The reply surely did not arrive: the message waits
/// and is tried again, until it is too old to answer (<see cref="ChatOptions.MaxMessageAgeHours"/>).</summary>
/// <param name="retryAfter">The wait the platform asked for, if any.</param>
internal sealed class ReplyDeferredException(string message, Exception? inner = null, TimeSpan? retryAfter = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
