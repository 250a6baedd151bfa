namespace SofaBot.Answering;

/// <summary>The <c>Answering</c> section of configuration: when SofaBot answers, suggests, or stays silent.</summary>
/// <remarks>Calibrated on ../shared/eval/dev.jsonl with the offline embedder (see README, "Quality"). Confidence is
/// a logistic function of evidence that means the same for every message, so the thresholds hold across queries.</remarks>
public sealed class AnsweringOptions
{
    public const string SectionName = "Answering";

    /// <summary>Reply in the group when the best match is at least this confident (0–1).</summary>
    public float AutoAnswerMinConfidence { get; set; } = 0.7296f;

    /// <summary>Send a draft to the maintainers when the best match is at least this confident (0–1).</summary>
    public float SuggestMinConfidence { get; set; } = 0.43f;

    /// <summary>A question addressed to the bot, about SOFAStack, that is ignored (below
    /// <see cref="SuggestMinConfidence"/>) still shows its best match as a maybe when it is at least this confident
    /// (0 to <see cref="SuggestMinConfidence"/>; equal to it turns this off). Chosen on the eval sets: from 0.43 on,
    /// such a match is the right one about as often as those of the weakest suggestions.</summary>
    public float ShowClosestMinConfidence { get; set; } = 0.43f;

    /// <summary>How many candidates retrieval returns (and <c>ask</c> shows).</summary>
    public int Candidates { get; set; } = 5;

    /// <summary>How much a candidate's coverage of the message (the share of its concepts the candidate has) adds to
    /// its ranking score: of two earlier questions the fused score puts close together, the one that covers what
    /// the message asks ranks first (0 ranks by the fused score alone).</summary>
    public float CoverageRankWeight { get; set; } = 0.5f;

    /// <summary>What a later turn of a conversation (a follow-up question the weekly printed under the first) loses
    /// in ranking against a first turn, when the message is not a reply to the bot. A later turn leans on what came
    /// before it ("是的，我观察到的就是这个现象"), so words it shares with a fresh question say less that it is the same
    /// question. In a reply to the bot the shown pairs' later turns are exactly what is asked, and lose nothing.</summary>
    public float LaterTurnPenalty { get; set; } = 0.15f;

    /// <summary>Answers longer than this are cut at a sentence or line end, with a pointer to the weekly.</summary>
    public int MaxAnswerChars { get; set; } = 1500;

    public ConfidenceWeights Confidence { get; set; } = new();
}

/// <summary><c>Answering:Confidence</c>: logistic weights over the match evidence (<see cref="ConfidenceFeatures"/>),
/// fitted by <c>calibrate</c> on the eval sets and what maintainers decided.</summary>
public sealed class ConfidenceWeights
{
    public float Intercept { get; set; } = -3.36f;

    /// <summary>The lead over the next different answer, as a share of the ranking score.</summary>
    public float Margin { get; set; } = 1.084f;

    /// <summary>Share of the message's concepts the candidate has.</summary>
    public float Coverage { get; set; } = 0.089f;

    /// <summary>Cosine of message and candidate.</summary>
    public float Vector { get; set; } = 1.811f;

    /// <summary>Agreement as a share (0, 0.5, 1: neither, one, both rankers put the pair first).</summary>
    public float Agreement { get; set; } = 1.858f;

    /// <summary>A doubt: the message names something the weeklies never mention (1 when it does). A doubt lowers the
    /// confidence, so it takes a stronger match to answer; it does not forbid answering.</summary>
    public float UnknownName { get; set; } = -1.564f;

    /// <summary>The other doubt: the message names and hints at no SOFAStack project (1 when so).</summary>
    public float OutOfDomain { get; set; } = -1.369f;

    /// <summary>Share of the candidate's question the message contains.</summary>
    public float Reverse { get; set; } = 1.556f;

    /// <summary>The cosine's lead over the next different answer.</summary>
    public float VectorLead { get; set; } = 0.857f;

    /// <summary>The word score's lead over the next different answer.</summary>
    public float LexicalLead { get; set; } = 1.4f;

    /// <summary>The coverage's lead over the next different answer.</summary>
    public float CoverageLead { get; set; } = 1.366f;

    /// <summary>The candidate is a pair the bot showed for the message a reply continues (1 when so).</summary>
    public float Continues { get; set; } = -0.678f;

    /// <summary>The coverage of the message's three weightiest concepts.</summary>
    public float KeyCoverage { get; set; } = 0.889f;

    /// <summary>The weights in <see cref="ConfidenceFeatures.Names"/> order (without the intercept).</summary>
    public float[] ToArray() => [Margin, Coverage, Vector, Agreement, UnknownName, OutOfDomain, Reverse, VectorLead, LexicalLead, CoverageLead, Continues, KeyCoverage];
}
