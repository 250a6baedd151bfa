using SofaBot.Answering;

namespace SofaBot.Storage;

/// <summary>What the bot decided about each message it replied to (or drafted for the maintainers), and what its reply
/// showed: a reply to the bot's message is read with it (the follow-up context), and <c>calibrate</c> labels its
/// evidence with what maintainers and askers said about it. One table in the state store's file or database, the
/// same contract tests on both.</summary>
internal interface IDecisionLog
{
    /// <summary>Appends a decision and returns it with its id. Never replaces: a message handled again after a crash
    /// adds a second row (<see cref="FindByBotMessageAsync"/> and calibration take the newest).</summary>
    Task<DecisionRecord> AddAsync(DecisionRecord record, CancellationToken cancellationToken);

    /// <summary>The decision behind the bot's message <paramref name="botMessageId"/> in the chat; null when the log
    /// does not know it (older than the log, or sent by an instance with other data).</summary>
    Task<DecisionRecord?> FindByBotMessageAsync(string channel, string chatId, string botMessageId, CancellationToken cancellationToken);

    /// <summary>Every decision, oldest first.</summary>
    Task<IReadOnlyList<DecisionRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The decisions made at <paramref name="since"/> or later, oldest first.</summary>
    Task<IReadOnlyList<DecisionRecord>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>One decision of the log.</summary>
/// <remarks>The features are kept by name (<see cref="ConfidenceFeatures.Names"/> at the time): a later feature list
/// still reads old rows, a feature they lack counting 0.</remarks>
internal sealed record DecisionRecord
{
    public long Id { get; init; }

    /// <summary>The message decided on.</summary>
    public required MessageKey Question { get; init; }

    /// <summary>Its text as the bot read it (the mention or command taken out).</summary>
    public required string QuestionText { get; init; }

    /// <summary>The platform's id of the bot's reply in the question's chat; null when no reply was sent (a draft for
    /// the maintainers only) or the platform gives none.</summary>
    public string? BotMessageId { get; init; }

    public required DecisionKind Kind { get; init; }

    /// <summary>The reply gave the first of <see cref="Shown"/> as the answer (rather than offering them as a maybe).</summary>
    public bool Answered { get; init; }

    /// <summary>The pairs the reply showed, in order, through the turn it quoted.</summary>
    public IReadOnlyList<ShownPairId> Shown { get; init; } = [];

    /// <summary>The bot's best match (candidate 1 of a review item opened for the message); null without one.</summary>
    public ShownPairId? Top { get; init; }

    /// <summary>The evidence of the best match as <see cref="ConfidenceFeatures.Of"/>, by name.</summary>
    public IReadOnlyDictionary<string, float> Features { get; init; } = new Dictionary<string, float>();

    public float Confidence { get; init; }

    /// <summary>Whether the decider would have answered with this match at a lower bar: true when it answered, false
    /// when something other than the confidence held the match back (another project named, or it was confident
    /// and still not answered), null when only the confidence stood in the way as far as is known.</summary>
    public bool? MayAnswer { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The features in the order of <see cref="ConfidenceFeatures.Names"/> today; missing ones count 0.</summary>
    public float[] FeatureVector() => [.. ConfidenceFeatures.Names.Select(name => Features.GetValueOrDefault(name))];

    /// <summary>The features of the evidence, by name.</summary>
    public static Dictionary<string, float> FeaturesOf(MatchEvidence evidence) =>
        ConfidenceFeatures.Names.Zip(ConfidenceFeatures.Of(evidence)).ToDictionary(f => f.First, f => f.Second, StringComparer.Ordinal);
}

/// <summary>A pair by id, through one of its turns.</summary>
internal sealed record ShownPairId(string PairId, int Turn);
