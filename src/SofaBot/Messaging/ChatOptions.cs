namespace SofaBot.Messaging;

/// <summary>The <c>Chat</c> section: how the bot behaves in every channel.</summary>
internal sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Also answer group messages not addressed to the bot, when the match is confident and the message reads
    /// like a question. Off by default: a bot that answers unasked is the top complaint about group bots.</summary>
    public bool ProactiveAnswers { get; set; }

    /// <summary>Messages worked on (matched, their review item opened) at the same time; messages of one chat are
    /// always handled in order. A reply being sent, or waiting to be sent again, does not count.</summary>
    public int MaxConcurrentChats { get; set; } = 8;

    /// <summary>How long shutdown waits for replies in flight; what is left is resumed at the next start.</summary>
    public int ShutdownGraceSeconds { get; set; } = 5;

    /// <summary>A message received but not finished for this long is taken over by another instance (PostgreSQL,
    /// several replicas) or resumed after a crash.</summary>
    public int ClaimTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a replica's hold on what only one replica may do (long-polling Telegram) lasts without being
    /// renewed: after a replica dies, even by <c>kill -9</c>, another takes over within this.</summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>The most of a message's text that is stored (in the inbox, a review item, the page): a question fits in
    /// far less, and a 10 MB message would otherwise be copied whole into every place that keeps it.</summary>
    public int MaxStoredChars { get; set; } = 20_000;

    /// <summary>The language of the bot's own words: <c>auto</c> (follow the messages and the chat), <c>zh</c> or
    /// <c>en</c>. See <see cref="ChatLanguage"/>.</summary>
    public string Language { get; set; } = "auto";

    /// <summary>How long a message is kept trying while the platform or the store fails for now (an outage, 5xx,
    /// "too many clients"); unfinished messages older than this are dropped instead of answered late.</summary>
    public int MaxMessageAgeHours { get; set; } = 24;
}
