using Microsoft.Extensions.Options;
using SofaBot.Review;

namespace SofaBot.Storage;

/// <summary>Checks the retention settings at start-up (<c>Storage:RetainMessagesDays</c>,
/// <c>Storage:RetentionSweepHours</c>, <c>Review:RetainDays</c>); messages name the key. 0 means "keep for ever"
/// (days) or "never sweep" (hours).</summary>
internal sealed class RetentionSettingsValidator : IValidateOptions<StorageOptions>, IValidateOptions<ReviewOptions>
{
    private const int MaxDays = 3650;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        const string Section = StorageOptions.SectionName;
        List<string> failures = [];
        if (options.RetainMessagesDays is < 0 or > MaxDays)
        {
            failures.Add($"{Section}:RetainMessagesDays is {options.RetainMessagesDays}; use 0 (keep for ever) or 1 to {MaxDays}");
        }

        if (options.RetentionSweepHours is < 0 or > 24 * 30)
        {
            failures.Add($"{Section}:RetentionSweepHours is {options.RetentionSweepHours}; use 0 (never sweep) or 1 to 720");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, ReviewOptions options)
    {
        const string Section = ReviewOptions.SectionName;
        if (options.RetainDays is < 0 or > MaxDays)
        {
            return ValidateOptionsResult.Fail($"{Section}:RetainDays is {options.RetainDays}; use 0 (keep for ever) or 1 to {MaxDays}");
        }

        // a rejection is remembered by finding its item: deleting items sooner would forget the verdict early
        return options.RetainDays > 0 && options.RetainDays < options.RememberVerdictDays
            ? ValidateOptionsResult.Fail($"{Section}:RetainDays is {options.RetainDays}, shorter than {Section}:RememberVerdictDays ({options.RememberVerdictDays}); a rejection is remembered through its item, so keep items at least that long")
            : ValidateOptionsResult.Success;
    }
}
