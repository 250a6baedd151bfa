using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SofaBot.Drafts;

/// <summary>Checks <c>Assistant</c> at start-up; every message names the key, none prints the key's value.</summary>
internal sealed class AssistantOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<AssistantOptions>
{
    public ValidateOptionsResult Validate(string? name, AssistantOptions options)
    {
        var section = AssistantOptions.SectionName;
        List<string> failures = [];
        if (ApiKeyFile() is { } file)
        {
            failures.Add($"{section}:ApiKey is set in {file}; a key in a file ends up in a repository or an image: remove it there and set it through the environment (Assistant__ApiKey)");
        }

        var endpointSet = !string.IsNullOrWhiteSpace(options.Endpoint);
        var modelSet = !string.IsNullOrWhiteSpace(options.Model);
        if (endpointSet != modelSet)
        {
            failures.Add(endpointSet
                ? $"{section}:Model is empty; with {section}:Endpoint set, name the chat model (for example qwen-plus, gpt-4o-mini, llama3.1)"
                : $"{section}:Endpoint is empty; with {section}:Model set, give the API's base URL (for example https://api.openai.com/v1)");
        }

        if (endpointSet && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{section}:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 (was \"{options.Endpoint}\")");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{section}:TimeoutSeconds is {options.TimeoutSeconds}; use 1 to 300");
        }

        if (options.MaxDraftChars is < 100 or > 4000)
        {
            failures.Add($"{section}:MaxDraftChars is {options.MaxDraftChars}; use 100 to 4000");
        }

        if (options.IsEnabled && DraftPrompt.Problem(DraftPrompt.PathOf(options, environment.ContentRootPath)) is { } problem)
        {
            failures.Add($"{section}:PromptPath: {problem}");
        }

        if (options.TranslateAnswers && !options.IsEnabled)
        {
            failures.Add($"{section}:TranslateAnswers is on but {section}:Endpoint and {section}:Model are not both set; translations need the model");
        }
        else if (options.TranslateAnswers && !File.Exists(Path.GetFullPath(AnswerTranslator.PromptPath, environment.ContentRootPath)))
        {
            failures.Add($"{section}:TranslateAnswers is on but its prompt template {AnswerTranslator.PromptPath} is missing from {environment.ContentRootPath}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The file (appsettings.json, or any other file source) that holds a non-empty key, if one does; the
    /// environment, the command line and tests' in-memory settings are not files.</summary>
    private string? ApiKeyFile()
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        var key = $"{AssistantOptions.SectionName}:ApiKey";
        return root.Providers.OfType<FileConfigurationProvider>()
            .Where(p => p.TryGet(key, out var value) && !string.IsNullOrWhiteSpace(value))
            .Select(p => p.Source.FileProvider?.GetFileInfo(p.Source.Path ?? "").PhysicalPath ?? p.Source.Path ?? "a configuration file")
            .FirstOrDefault();
    }
}
