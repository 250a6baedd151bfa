namespace SofaBot.Answering;

/// <summary>Why SofaBot believes (or doubts) that a candidate answers a message. Every figure means the same for
/// every message, so one threshold works across queries, unlike a fused rank score.</summary>
/// <param name="Coverage">Share of the message's concepts (IDF-weighted; a synonym group counts as one) that the
/// candidate's turn contains, question and answer together (0–1).</param>
/// <param name="QuestionCoverage">The same share, counting the candidate's question only.</param>
/// <param name="Vector">Cosine similarity of message and candidate embeddings (0 without vectors).</param>
/// <param name="Margin">The candidate's lead over the best candidate with a different answer, as a share of its
/// own fused score (1 when there is no such competitor).</param>
/// <param name="Contested">True when another candidate with a different answer exists at all (without one, a
/// margin of 1 says nothing about how decisive the match is).</param>
/// <param name="ProjectConflict">The message names a SOFAStack project and the candidate is about another.</param>
/// <param name="MissingName">A Latin word of the message the corpus never uses and the candidate lacks (witness,
/// PostgreSQL, QUIC): a sign the message asks about something the weeklies never answered.</param>
/// <param name="InDomain">The message names a SOFAStack project or uses words that point to one.</param>
public sealed record MatchEvidence(float Coverage, float QuestionCoverage, float Vector, float Margin, bool Contested, bool ProjectConflict, string? MissingName, bool InDomain);
