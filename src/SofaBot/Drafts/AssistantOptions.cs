namespace SofaBot.Drafts;

/// <summary><c>Assistant</c>: the OpenAI-compatible chat model that drafts answers for the maintainers (OpenAI, Azure,
/// Ollama, DashScope/Qwen, DeepSeek, vLLM). Off unless both <see cref="Endpoint"/> and <see cref="Model"/> are
/// set; off, nothing calls a model and review items have no draft.</summary>
internal sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    /// <summary>The API's base URL, up to and including the version (<c>https://api.openai.com/v1</c>,
    /// <c>http://127.0.0.1:11434/v1</c> for Ollama): the client posts to <c>{Endpoint}/chat/completions</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>From the environment only (<c>Assistant__ApiKey</c>): a key in a file ends up in a repository or an
    /// image, so one in appsettings.json stops the start. Local servers need none.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>How long one draft (or one translation) may take; past it there is none.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>The prompt template, relative to the content root (the repository, or the program's folder).</summary>
    public string PromptPath { get; set; } = "prompts/draft.skprompt.txt";

    /// <summary>A draft longer than this is not a short answer: the model's answer is refused, not cut.</summary>
    public int MaxDraftChars { get; set; } = 1500;

    /// <summary>Off by default: an English question auto-answered from a Chinese weekly also gets a machine
    /// translation of the answer, marked as such, under the original.</summary>
    public bool TranslateAnswers { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
