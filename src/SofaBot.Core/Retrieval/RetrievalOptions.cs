using SofaBot.Retrieval.Snapshot;

namespace SofaBot.Retrieval;

/// <summary>The <c>Retrieval</c> section of configuration.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>Which embedder gives the vectors: <c>Corpus</c> (offline default), <c>OpenAI</c> (any
    /// OpenAI-compatible endpoint), or <c>None</c> (lexical only).</summary>
    public string Embedder { get; set; } = "Corpus";

    /// <summary>Dimensions of the offline corpus embedder.</summary>
    public int CorpusDimensions { get; set; } = 128;

    /// <summary>How much the answer counts next to the question in lexical ranking (0–1).</summary>
    public float AnswerWeight { get; set; } = 0.3f;

    /// <summary>How much vector similarity counts next to the (normalized) lexical score in the fused ranking.</summary>
    public float VectorWeight { get; set; } = 0.4f;

    /// <summary>Groups of interchangeable words (<c>"rollback|回滚"</c>, <c>"规避|避免"</c>), English and Chinese.</summary>
    public List<string> Synonyms { get; set; } = [];

    /// <summary>The corpus's technical words in English and Chinese (<c>"keep|store|保存|保留"</c>): the bridge an
    /// English question needs to reach an answer written in Chinese. Used like <see cref="Synonyms"/>.</summary>
    public List<string> Glossary { get; set; } = [];

    /// <summary>Every group of <see cref="Synonyms"/> and, unless turned off, <see cref="Glossary"/>.</summary>
    public IEnumerable<string> WordGroups => Reading.UseGlossary ? Synonyms.Concat(Glossary) : Synonyms;

    /// <summary>How a message is read before it is searched: each step can be turned off, to measure what it brings
    /// (<c>eval</c>) or should it misfire in a community's register.</summary>
    public MessageReadingOptions Reading { get; set; } = new();

    public OpenAIEmbedderOptions OpenAI { get; set; } = new();

    /// <summary>The index snapshot: what a start reads instead of parsing and indexing the corpus.</summary>
    public IndexSnapshotOptions Snapshot { get; set; } = new();
}

/// <summary><c>Retrieval:OpenAI</c>: an OpenAI-compatible embeddings endpoint (OpenAI, Azure, Ollama, DashScope,
/// vLLM, TEI all speak it).</summary>
public sealed class OpenAIEmbedderOptions
{
    /// <summary>Base URL including the version path, for example <c>https://api.openai.com/v1</c> or
    /// <c>http://127.0.0.1:11434/v1</c> for Ollama.</summary>
    public string Endpoint { get; set; } = "https://api.openai.com/v1";

    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>The API key; local servers accept any value. Set it through the environment
    /// (<c>Retrieval__OpenAI__ApiKey</c>), never in a committed file.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Requested dimensions, for models that can shorten their vectors; null keeps the model's own.</summary>
    public int? Dimensions { get; set; }

    public int BatchSize { get; set; } = 64;

    public double TimeoutSeconds { get; set; } = 10;
}

/// <summary>Which signals rank candidates; the eval's ablation runs all three.</summary>
public enum RetrievalMode
{
    Hybrid,
    Lexical,
    Vector,
}

/// <summary><c>Retrieval:Reading</c>: the steps of reading a message as people type it in a group.</summary>
public sealed class MessageReadingOptions
{
    /// <summary>Take greetings, pleas, thanks, mentions and laughter out first ("大佬们求助", "thx", "@所有人").</summary>
    public bool StripChatRegister { get; set; } = true;

    /// <summary>Read a near miss of a word the corpus uses, or of a project's name, as that word ("jarft", "seta").</summary>
    public bool CorrectSpelling { get; set; } = true;

    /// <summary>Bridge English and Chinese with <see cref="RetrievalOptions.Glossary"/>.</summary>
    public bool UseGlossary { get; set; } = true;
}
