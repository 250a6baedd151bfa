using SofaBot.Retrieval.Vectors;

namespace SofaBot.Storage;

/// <summary>Everything the bot must remember across restarts, behind one interface with one implementation
/// (<see cref="StateStore"/>) on two databases that pass the same contract tests: SQLite (embedded default) and
/// PostgreSQL (several replicas sharing one database).</summary>
/// <remarks>
/// Messages are recorded on arrival (the durable inbox) and finished once their reply is sent or deliberately
/// skipped. Recording is the dedupe: a platform that delivers the same message twice (DingTalk redelivers slow
/// callbacks, Telegram repeats unconfirmed updates) finds it already recorded. A message recorded but never
/// finished (a crash, a shutdown mid-send) is claimed again after its claim goes stale.
/// Times come back as UTC instants, to the microsecond (PostgreSQL's precision; SQLite keeps the same).
/// </remarks>
internal interface IStateStore : IEmbeddingCache
{
    /// <summary>Brings the schema to this release's version (<see cref="Migrations.SchemaMigrator"/>), and fails naming
    /// both versions on a database a newer release migrated. Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Records a message as received and claimed by the caller; false when the same (channel, chat, message)
    /// was recorded before, i.e. the platform delivered it again.</summary>
    Task<bool> TryReceiveAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> messages that were received but never finished and whose claim is
    /// older than <paramref name="staleBefore"/>, oldest first, renewing their claim at <paramref name="now"/>.
    /// Two callers never claim the same message.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ClaimUnfinishedAsync(DateTimeOffset staleBefore, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Renews the claim on messages the caller is still working on (queued behind a slow chat, waiting on
    /// flood control), so that another replica never takes a message from a healthy one. Finished messages are left
    /// alone.</summary>
    Task RenewClaimsAsync(IReadOnlyCollection<MessageKey> keys, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes the next send turn of the pace <paramref name="pace"/> (a channel's chat) if one is free now:
    /// at least <paramref name="minInterval"/> after the last send and, with <paramref name="perMinute"/>, fewer than
    /// that many sends in the last minute. Returns zero when the turn was taken (and counted), else how long to wait
    /// before asking again. One pace for all replicas sharing the store.</summary>
    Task<TimeSpan> TryTakeSendTurnAsync(string pace, DateTimeOffset now, TimeSpan minInterval, int? perMinute, CancellationToken cancellationToken);

    /// <summary>Marks a received message as done, with what happened to it.</summary>
    Task FinishAsync(MessageKey key, MessageOutcome outcome, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Where a message stands: null when it was never received.</summary>
    Task<MessageState?> GetStateAsync(MessageKey key, CancellationToken cancellationToken);

    /// <summary>The message as it was received (its payload), finished or not; null when never received.</summary>
    Task<ReceivedMessage?> GetReceivedAsync(MessageKey key, CancellationToken cancellationToken);

    /// <summary>A named position in a stream, for example the Telegram update offset of one bot.</summary>
    Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken);

    Task SetCursorAsync(string name, long value, CancellationToken cancellationToken);

    /// <summary>Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until
    /// <paramref name="until"/>: true when the caller holds it now (it was free, had expired before
    /// <paramref name="now"/>, or was the caller's already); false while another holder's lease runs. One holder at a
    /// time, across processes sharing the store: who long-polls Telegram, for example.</summary>
    Task<bool> TryHoldLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once if <paramref name="holder"/> holds it (a clean stop: another takes over
    /// without waiting for it to expire).</summary>
    Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken);

    /// <summary>Records that the platform itself vouched for a chat: DingTalk accepted the bot's reply through a session
    /// webhook, which it hands out only in its own callbacks. Only such chats are posted to by a route that names the
    /// chat (the group-send API), so a forged callback cannot choose where the bot posts.</summary>
    Task MarkChatVouchedAsync(string channel, string chatId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="MarkChatVouchedAsync"/> was ever recorded for the chat.</summary>
    Task<bool> IsChatVouchedAsync(string channel, string chatId, CancellationToken cancellationToken);
}

/// <summary>A message's identity on its platform: the dedupe key.</summary>
/// <param name="Channel"><c>telegram</c>, <c>dingtalk</c> or <c>local</c>.</param>
/// <param name="ChatId">The chat (Telegram chat id, DingTalk conversation id).</param>
/// <param name="MessageId">The message within the chat (Telegram message id, DingTalk msgId).</param>
internal sealed record MessageKey(string Channel, string ChatId, string MessageId)
{
    public override string ToString() => $"{Channel}:{ChatId}:{MessageId}";
}

/// <summary>A message as the inbox stores it.</summary>
/// <param name="Key">Its identity.</param>
/// <param name="Payload">The message, serialized by the messaging layer (JSON); the store does not read it.</param>
/// <param name="ReceivedAt">When it arrived.</param>
internal sealed record ReceivedMessage(MessageKey Key, string Payload, DateTimeOffset ReceivedAt);

/// <summary>What became of a message.</summary>
internal enum MessageOutcome
{
    /// <summary>Received, not finished yet (being handled, or left by a crash).</summary>
    Pending,

    /// <summary>A reply was sent.</summary>
    Replied,

    /// <summary>Deliberately not answered (not addressed to the bot, small talk, from a bot).</summary>
    Skipped,

    /// <summary>Handling failed for good (the platform refused the reply); the detail says why.</summary>
    Failed,
}

/// <summary>A recorded message's outcome and its detail (why skipped, why failed).</summary>
internal sealed record MessageState(MessageOutcome Outcome, string? Detail, DateTimeOffset ReceivedAt, DateTimeOffset? FinishedAt);
