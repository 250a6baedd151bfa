using Microsoft.Extensions.AI;
using SofaBot.Corpus;
using SofaBot.Retrieval.Text;

namespace SofaBot.Retrieval;

/// <summary>Makes the embedder named by <c>Retrieval:Embedder</c>. The core provides <c>Corpus</c> and
/// <c>None</c>; the host adds remote ones (<c>OpenAI</c>), so the core holds no HTTP client.</summary>
public interface IEmbedderProvider
{
    string Name { get; }

    /// <summary>The embedder for this knowledge base, or null for none (lexical only).</summary>
    IEmbeddingGenerator<string, Embedding<float>>? Create(KnowledgeBase knowledgeBase, Analyzer analyzer);
}
