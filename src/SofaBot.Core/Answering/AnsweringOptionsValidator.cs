using Microsoft.Extensions.Options;

namespace SofaBot.Answering;

/// <summary>Checks <c>Answering</c> at start-up; messages name the key.</summary>
public sealed class AnsweringOptionsValidator : IValidateOptions<AnsweringOptions>
{
    public ValidateOptionsResult Validate(string? name, AnsweringOptions options)
    {
        var section = AnsweringOptions.SectionName;
        var errors = new List<string>();
        if (options.AutoAnswerMinConfidence is < 0 or > 1)
        {
            errors.Add($"{section}:AutoAnswerMinConfidence must be between 0 and 1 (was {options.AutoAnswerMinConfidence})");
        }

        if (options.SuggestMinConfidence is < 0 or > 1 || options.SuggestMinConfidence > options.AutoAnswerMinConfidence)
        {
            errors.Add($"{section}:SuggestMinConfidence must be between 0 and {section}:AutoAnswerMinConfidence (was {options.SuggestMinConfidence})");
        }

        if (options.ShowClosestMinConfidence is < 0 or > 1 || options.ShowClosestMinConfidence > options.SuggestMinConfidence)
        {
            errors.Add($"{section}:ShowClosestMinConfidence must be between 0 and {section}:SuggestMinConfidence (was {options.ShowClosestMinConfidence})");
        }

        if (options.Candidates is < 1 or > 50)
        {
            errors.Add($"{section}:Candidates must be between 1 and 50 (was {options.Candidates})");
        }

        if (options.MaxAnswerChars < 100)
        {
            errors.Add($"{section}:MaxAnswerChars must be at least 100 (was {options.MaxAnswerChars})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
