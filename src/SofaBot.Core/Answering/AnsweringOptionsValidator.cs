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

        // both add to a ranking score whose parts are about 0–2: a weight of 5 would let one part decide alone
        if (options.CoverageRankWeight is < 0 or > 5)
        {
            errors.Add($"{section}:CoverageRankWeight must be between 0 and 5 (was {options.CoverageRankWeight})");
        }

        if (options.LaterTurnPenalty is < 0 or > 5)
        {
            errors.Add($"{section}:LaterTurnPenalty must be between 0 and 5 (was {options.LaterTurnPenalty})");
        }

        if (options.MaxAnswerChars < 100)
        {
            errors.Add($"{section}:MaxAnswerChars must be at least 100 (was {options.MaxAnswerChars})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
