namespace SofaBot.Answering;

/// <summary>Why SofaBot believes (or doubts) that a candidate answers a message. Every figure means the same for
/// every message, so one threshold works across queries, unlike a fused rank score. The confidence is a logistic
/// function of these figures (<see cref="ConfidenceFeatures"/>).</summary>
/// <param name="Coverage">Share of the message's concepts (IDF-weighted; a synonym group counts as one) that the
/// candidate's turn contains, question and answer together (0–1).</param>
/// <param name="QuestionCoverage">The same share, counting the candidate's question only.</param>
/// <param name="Vector">Cosine similarity of message and candidate embeddings (0 without vectors).</param>
/// <param name="Margin">The candidate's lead over the best candidate with a different answer, as a share of its
/// own ranking score (1 when there is no such competitor).</param>
/// <param name="Contested">True when another candidate with a different answer exists at all (without one, a
/// margin of 1 says nothing about how decisive the match is).</param>
/// <param name="ProjectConflict">The message names a SOFAStack project, and the candidate is about another and
/// does not mention it either.</param>
/// <param name="MissingName">A Latin word of the message the corpus never uses and the candidate lacks (witness,
/// PostgreSQL, QUIC): a sign the message asks about something the weeklies never answered.</param>
/// <param name="InDomain">The message names a SOFAStack project or uses words that point to one.</param>
/// <param name="Agreement">How many of the two rankers put the candidate first on their own, as a share (0, 0.5, 1).</param>
/// <param name="Reverse">Share of the candidate's question (its words, IDF-weighted) that the message contains: the
/// other direction of <paramref name="Coverage"/>. A sibling question that asks something more is covered well and
/// contained poorly.</param>
/// <param name="VectorLead">The candidate's cosine minus the best cosine of the other candidates with another answer.</param>
/// <param name="LexicalLead">1 minus the best word score of the candidates with another answer over the candidate's.</param>
/// <param name="CoverageLead">The candidate's coverage minus the best coverage of the other candidates with another answer.</param>
/// <param name="Continues">The message replies to the bot, and the candidate is a pair the bot showed for the message
/// it replies to: the conversation goes on about it.</param>
/// <param name="KeyCoverage">The coverage of the message's three weightiest concepts alone: a near miss shares the
/// common words of a question and lacks its distinctive ones.</param>
public sealed record MatchEvidence(
    float Coverage,
    float QuestionCoverage,
    float Vector,
    float Margin,
    bool Contested,
    bool ProjectConflict,
    string? MissingName,
    bool InDomain,
    float Agreement,
    float Reverse = 0,
    float VectorLead = 0,
    float LexicalLead = 0,
    float CoverageLead = 0,
    bool Continues = false,
    float KeyCoverage = 0);
