using SofaBot.Answering;
using SofaBot.Corpus;

namespace SofaBot.Retrieval;

/// <summary>The knowledge base, indexed and ready to answer: what every verb and channel asks.</summary>
public sealed class KnowledgeIndex(KnowledgeBase knowledgeBase, QaRetriever retriever, AnswerDecider decider, double buildMilliseconds)
{
    public KnowledgeBase KnowledgeBase { get; } = knowledgeBase;

    public QaRetriever Retriever { get; } = retriever;

    public AnswerDecider Decider { get; } = decider;

    /// <summary>How long indexing took (lexical index, embedder training, embedding every unit).</summary>
    public double BuildMilliseconds { get; } = buildMilliseconds;

    public Task<AnswerDecision> DecideAsync(string message, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default) =>
        Decider.DecideAsync(message, mode, cancellationToken);
}
