using SofaBot.Answering;
using SofaBot.Corpus;

namespace SofaBot.Retrieval;

/// <summary>The knowledge base, indexed and ready to answer: what every verb and channel asks.</summary>
public sealed class KnowledgeIndex(KnowledgeBase knowledgeBase, QaRetriever retriever, AnswerDecider decider)
{
    public KnowledgeBase KnowledgeBase { get; } = knowledgeBase;

    public QaRetriever Retriever { get; } = retriever;

    public AnswerDecider Decider { get; } = decider;

    public Task<AnswerDecision> DecideAsync(string message, RetrievalMode mode = RetrievalMode.Hybrid, CancellationToken cancellationToken = default) =>
        Decider.DecideAsync(message, mode, cancellationToken);
}
