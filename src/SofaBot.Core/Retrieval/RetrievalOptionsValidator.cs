using Microsoft.Extensions.Options;

namespace SofaBot.Retrieval;

/// <summary>Checks <c>Retrieval</c> at start-up; messages name the key.</summary>
public sealed class RetrievalOptionsValidator : IValidateOptions<RetrievalOptions>
{
    public static readonly string[] Embedders = ["Corpus", "OpenAI", "None"];

    public ValidateOptionsResult Validate(string? name, RetrievalOptions options)
    {
        var section = RetrievalOptions.SectionName;
        var errors = new List<string>();
        if (!Embedders.Contains(options.Embedder, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{section}:Embedder is \"{options.Embedder}\"; use one of: {string.Join(", ", Embedders)}");
        }

        if (options.CorpusDimensions is < 8 or > 1024)
        {
            errors.Add($"{section}:CorpusDimensions must be between 8 and 1024 (was {options.CorpusDimensions})");
        }

        if (options.AnswerWeight is < 0 or > 1)
        {
            errors.Add($"{section}:AnswerWeight must be between 0 and 1 (was {options.AnswerWeight})");
        }

        if (options.VectorWeight is < 0 or > 10)
        {
            errors.Add($"{section}:VectorWeight must be between 0 and 10 (was {options.VectorWeight})");
        }

        foreach (var (key, groups) in new[] { ("Synonyms", options.Synonyms), ("Glossary", options.Glossary) })
        {
            for (var i = 0; i < groups.Count; i++)
            {
                var members = (groups[i] ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (members.Count(m => Text.Tokenizer.Tokenize(m).Count > 0) < 2)
                {
                    errors.Add($"{section}:{key}:{i} (\"{groups[i]}\") needs at least two members with words, separated by | (for example \"rollback|回滚\")");
                }
            }
        }

        if (options.Snapshot.Enabled && (string.IsNullOrWhiteSpace(options.Snapshot.Folder) || options.Snapshot.Folder.AsSpan().ContainsAny(Path.GetInvalidPathChars())))
        {
            errors.Add($"{section}:Snapshot:Folder must name a folder (was \"{options.Snapshot.Folder}\"); set {section}:Snapshot:Enabled to false to keep no index snapshot");
        }

        if (string.Equals(options.Embedder, "OpenAI", StringComparison.OrdinalIgnoreCase))
        {
            var openAi = options.OpenAI;
            if (!Uri.TryCreate(openAi.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{section}:OpenAI:Endpoint must be an http(s) URL such as https://api.openai.com/v1 (was \"{openAi.Endpoint}\")");
            }
            else if (endpoint.Host == "api.openai.com" && string.IsNullOrWhiteSpace(openAi.ApiKey))
            {
                errors.Add($"{section}:OpenAI:ApiKey is empty; set it through the environment (Retrieval__OpenAI__ApiKey)");
            }

            if (string.IsNullOrWhiteSpace(openAi.Model))
            {
                errors.Add($"{section}:OpenAI:Model is empty");
            }

            if (openAi.BatchSize is < 1 or > 2048)
            {
                errors.Add($"{section}:OpenAI:BatchSize must be between 1 and 2048 (was {openAi.BatchSize})");
            }

            if (openAi.TimeoutSeconds is <= 0 or > 600)
            {
                errors.Add($"{section}:OpenAI:TimeoutSeconds must be between 0 and 600 (was {openAi.TimeoutSeconds})");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
