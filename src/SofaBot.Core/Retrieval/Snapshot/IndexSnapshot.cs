using SofaBot.Corpus;
using SofaBot.Retrieval.Lexical;
using SofaBot.Retrieval.Text;
using SofaBot.Retrieval.Vectors;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>What the snapshot holds: everything an index is made of that depends only on the corpus, the settings
/// and the build. What maintainers taught in review is not in it; it is applied after a restore, as after a build.</summary>
/// <param name="KnowledgeBase">The corpus as the loader read it.</param>
/// <param name="Lexical">The BM25F index of every unit.</param>
/// <param name="Cohesion">The Han character and bigram counts behind bigram weights.</param>
/// <param name="CorpusModel">The offline embedder's trained model (<c>Retrieval:Embedder = Corpus</c>); null for
/// other embedders, whose vectors are not kept here (a remote one has its own cache).</param>
/// <param name="Vectors">The units' vectors from <paramref name="CorpusModel"/>; null without it, or with no units.</param>
internal sealed record IndexSnapshot(KnowledgeBase KnowledgeBase, LexicalIndex Lexical, HanCohesion Cohesion, LsaModel? CorpusModel, VectorIndex? Vectors)
{
    public void Write(SnapshotWriter writer)
    {
        KnowledgeBaseFormat.Write(writer, KnowledgeBase);
        Lexical.Save(writer);
        Cohesion.Save(writer);
        writer.Write(CorpusModel is not null);
        CorpusModel?.Save(writer);
        writer.Write(Vectors is not null);
        Vectors?.Save(writer);
    }

    public static IndexSnapshot Read(SnapshotReader reader)
    {
        var knowledgeBase = KnowledgeBaseFormat.Read(reader);
        var lexical = LexicalIndex.Load(reader);
        var cohesion = HanCohesion.Load(reader);
        var model = reader.ReadBoolean() ? LsaModel.Load(reader) : null;
        var vectors = reader.ReadBoolean() ? VectorIndex.Load(reader) : null;
        return new IndexSnapshot(knowledgeBase, lexical, cohesion, model, vectors);
    }

    /// <summary>The parts of a freshly built index, before anything learned in review is added to it.</summary>
    public static IndexSnapshot Of(KnowledgeIndex index)
    {
        var (embedder, vectors) = index.Retriever.Embedding;
        var model = (embedder as CorpusEmbeddingGenerator)?.Model;
        return new IndexSnapshot(index.KnowledgeBase, index.Retriever.Lexical, index.Retriever.Analyzer.Cohesion, model, model is null ? null : vectors);
    }
}
