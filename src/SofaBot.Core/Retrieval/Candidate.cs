using SofaBot.Corpus;

namespace SofaBot.Retrieval;

/// <summary>A pair retrieved for a query, through its best-matching turn, with the evidence for it.</summary>
/// <param name="Pair">The prior Q&amp;A.</param>
/// <param name="Turn">The turn that matched best (0 = the first question).</param>
/// <param name="Lexical">BM25F score of that turn.</param>
/// <param name="Vector">Cosine similarity of query and turn embeddings (0 when vectors are off).</param>
/// <param name="Score">The fused ranking score.</param>
/// <param name="Agreement">How many of the two rankers put this pair first on their own: 2 when words and vectors
/// agree, 1 or 0 otherwise (a vector-less retriever counts the lexical ranker twice).</param>
/// <param name="Unit">The index unit that matched (its turn of the pair).</param>
/// <param name="Coverage">Share of the message's concepts the unit has, once the decider has ranked by it.</param>
public sealed record Candidate(QaPair Pair, int Turn, float Lexical, float Vector, float Score, int Agreement = 0, int Unit = -1, float Coverage = 0);
