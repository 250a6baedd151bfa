using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;

namespace SofaBot.Review;

/// <summary>Checks <c>Review</c> at start-up; messages name the key and never print a token.</summary>
internal sealed class ReviewOptionsValidator(IOptions<TelegramOptions> telegram, IOptions<Storage.StorageOptions> storage) : IValidateOptions<ReviewOptions>
{
    /// <summary>Shorter tokens can be guessed; the page and the API are reachable by anyone who can reach the host.</summary>
    public const int MinTokenChars = 16;

    /// <summary>Whether the store is PostgreSQL; false when the Storage settings are themselves invalid (reported on
    /// their own, once).</summary>
    private bool OnPostgres()
    {
        try
        {
            return Storage.StorageOptionsValidator.IsPostgres(storage.Value);
        }
        catch (OptionsValidationException)
        {
            return false;
        }
    }

    public ValidateOptionsResult Validate(string? name, ReviewOptions options)
    {
        var section = ReviewOptions.SectionName;
        List<string> failures = [];
        if (options.MaintainerToken is { } single && single.Trim().Length is > 0 and < MinTokenChars)
        {
            failures.Add($"{section}:MaintainerToken is {single.Trim().Length} characters; use at least {MinTokenChars} (for example: openssl rand -hex 24)");
        }

        foreach (var (maintainer, token) in options.MaintainerTokens)
        {
            // an empty entry is a token not filled in yet (the env example lists one), like an empty BotToken
            if (token?.Trim().Length is > 0 and < MinTokenChars)
            {
                failures.Add($"{section}:MaintainerTokens:{maintainer} is shorter than {MinTokenChars} characters");
            }
        }

        if (options.Tokens().GroupBy(t => t.Token, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            failures.Add($"{section}:MaintainerTokens: two maintainers have the same token; decisions could not say who decided");
        }

        if (options.TelegramChatId is not null)
        {
            if (options.MaintainerUserIds.Length == 0)
            {
                failures.Add($"{section}:MaintainerUserIds is empty; with {section}:TelegramChatId set, list the Telegram user ids allowed to press the review buttons");
            }

            if (!telegram.Value.IsEnabled)
            {
                failures.Add($"{section}:TelegramChatId is set but Channels:Telegram:BotToken is not; the review chat needs the Telegram bot");
            }
        }

        if (options.ExpireAfterHours is < 1 or > 24 * 30)
        {
            failures.Add($"{section}:ExpireAfterHours is {options.ExpireAfterHours}; use 1 to 720");
        }

        if (options.RememberVerdictDays is < 0 or > 3650)
        {
            failures.Add($"{section}:RememberVerdictDays is {options.RememberVerdictDays}; use 0 (forget at once) to 3650");
        }

        if (options.KeyRingSecret is { Length: > 0 } secret && secret.Trim().Length < MinTokenChars)
        {
            failures.Add($"{section}:KeyRingSecret is shorter than {MinTokenChars} characters (for example: openssl rand -base64 32)");
        }
        else if (string.IsNullOrWhiteSpace(options.KeyRingSecret) && OnPostgres())
        {
            failures.Add($"{section}:KeyRingSecret is empty; with Storage:Provider Postgres the replicas share the review page's signing keys through the database, encrypted with this secret: set the same value on every replica through the environment (Review__KeyRingSecret; for example: openssl rand -base64 32)");
        }

        if (options.LearnedSyncSeconds is < 0 or > 3600)
        {
            failures.Add($"{section}:LearnedSyncSeconds is {options.LearnedSyncSeconds}; use 0 (off) to 3600");
        }

        if (options.MaxAnswerChars is < 100 or > 3000)
        {
            failures.Add($"{section}:MaxAnswerChars is {options.MaxAnswerChars}; use 100 to 3000 (Telegram shows at most 4096 characters with the footer)");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
