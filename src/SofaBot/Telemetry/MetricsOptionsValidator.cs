using Microsoft.Extensions.Options;

namespace SofaBot.Telemetry;

/// <summary>Checks <c>Telemetry:Metrics</c> at start-up, naming the key. A value that is not a boolean in
/// <c>Enabled</c> is refused by the configuration binder, which names the key too.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public const int MaxRefreshSeconds = 300;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.PendingReviewRefreshSeconds is < 1 or > MaxRefreshSeconds
            ? ValidateOptionsResult.Fail($"{MetricsOptions.SectionName}:PendingReviewRefreshSeconds must be between 1 and {MaxRefreshSeconds} (was {options.PendingReviewRefreshSeconds})")
            : ValidateOptionsResult.Success;
}
