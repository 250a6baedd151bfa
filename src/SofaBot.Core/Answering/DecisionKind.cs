namespace SofaBot.Answering;

/// <summary>What SofaBot does with a message.</summary>
public enum DecisionKind
{
    /// <summary>Confident: reply in the group with the prior answer.</summary>
    Answer,

    /// <summary>Plausible: send a draft to the maintainers.</summary>
    Suggest,

    /// <summary>Chit-chat, off-topic, or nothing close: stay silent.</summary>
    Ignore,
}
