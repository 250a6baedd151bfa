using Microsoft.Extensions.Options;

namespace SofaBot.Corpus;

/// <summary>Checks the <c>Corpus</c> section at start-up; messages name the key to fix.</summary>
public sealed class CorpusOptionsValidator : IValidateOptions<CorpusOptions>
{
    public ValidateOptionsResult Validate(string? name, CorpusOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add($"{CorpusOptions.SectionName}:Path is empty: set it to a folder of weeklies (or pass --corpus <path>)");
        }

        if (!(options.MaxFileMegabytes > 0))
        {
            errors.Add($"{CorpusOptions.SectionName}:MaxFileMegabytes must be a positive number of megabytes (was {options.MaxFileMegabytes})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
