namespace SofaBot.Review;

/// <summary>The <c>Review</c> section: who reviews suggested replies, where, and for how long an item stays open.</summary>
internal sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>One maintainer token for the review page and the REST API (signs decisions as "maintainer").</summary>
    public string? MaintainerToken { get; set; }

    /// <summary>Named tokens, one per maintainer (<c>Review:MaintainerTokens:alice</c>): decisions are signed with the
    /// name.</summary>
    public Dictionary<string, string> MaintainerTokens { get; set; } = [];

    /// <summary>The Telegram chat where new items are posted with buttons; none when unset.</summary>
    public long? TelegramChatId { get; set; }

    /// <summary>Telegram user ids allowed to press the review buttons and to edit by replying.</summary>
    public long[] MaintainerUserIds { get; set; } = [];

    /// <summary>Pending items nobody asked for this long expire, and an asker whose message is older than this is
    /// not posted to: an answer two days late lands in a conversation that has moved on.</summary>
    public int ExpireAfterHours { get; set; } = 48;

    /// <summary>Longest answer a maintainer may write or edit; Telegram shows at most 4096 characters with the
    /// footer.</summary>
    public int MaxAnswerChars { get; set; } = 3000;

    /// <summary>A rejection (or "not a question") holds this long for the same question asked again in a chat that
    /// asked it: no new item is opened for it. 0 forgets at once.</summary>
    public int RememberVerdictDays { get; set; } = 30;

    /// <summary>The secret that encrypts the review page's signing keys in the store; the same on every replica (set it
    /// through the environment). Needed with PostgreSQL; a single SQLite host makes one of its own when unset.</summary>
    public string? KeyRingSecret { get; set; }

    /// <summary>How often a replica looks for what other replicas learned in review (0: never; one replica alone
    /// needs nothing, but the check is one small query).</summary>
    public int LearnedSyncSeconds { get; set; } = 5;

    /// <summary>Decided and expired items are deleted this many days after their decision (with the decision-log rows
    /// and votes no remaining item labels); pending items and what was learned never. 0 keeps them for ever.</summary>
    public int RetainDays { get; set; } = 180;

    public TimeSpan ExpireAfter => TimeSpan.FromHours(ExpireAfterHours);

    public TimeSpan RememberVerdict => TimeSpan.FromDays(RememberVerdictDays);

    /// <summary>Every configured token with the maintainer it signs for.</summary>
    public IEnumerable<(string Maintainer, string Token)> Tokens()
    {
        if (!string.IsNullOrWhiteSpace(MaintainerToken))
        {
            yield return ("maintainer", MaintainerToken.Trim());
        }

        foreach (var (name, token) in MaintainerTokens)
        {
            if (!string.IsNullOrWhiteSpace(token))
            {
                yield return (name, token.Trim());
            }
        }
    }
}
