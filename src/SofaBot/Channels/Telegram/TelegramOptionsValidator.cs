using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SofaBot.Channels.Telegram;

/// <summary>Checks <c>Channels:Telegram</c> when the channel is on; messages name the key and never show the token.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var section = TelegramOptions.SectionName;
        List<string> failures = [];
        if (!Token().IsMatch(options.BotToken!.Trim()))
        {
            failures.Add($"{section}:BotToken does not look like a bot token (digits, a colon, then letters, digits, _ or -; from @BotFather)");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{section}:BaseUrl is \"{options.BaseUrl}\"; use an absolute http(s) URL such as https://api.telegram.org");
        }
        else if (baseUrl.AbsolutePath != "/" || baseUrl.Query.Length > 0)
        {
            // Telegram.Bot keeps only the scheme, host and port: a path would be dropped without a word
            failures.Add($"{section}:BaseUrl is \"{options.BaseUrl}\"; give the server's scheme, host and port only (no path), such as http://localhost:8081");
        }

        if (!string.Equals(options.Mode, "Polling", StringComparison.OrdinalIgnoreCase) && !options.IsWebhook)
        {
            failures.Add($"{section}:Mode is \"{options.Mode}\"; use Polling or Webhook");
        }

        if (options.IsWebhook)
        {
            if (string.IsNullOrEmpty(options.WebhookSecret) || !Secret().IsMatch(options.WebhookSecret))
            {
                failures.Add($"{section}:WebhookSecret is required in Webhook mode: 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
            }

            if (!string.IsNullOrEmpty(options.WebhookUrl) && (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var hook) || hook.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{section}:WebhookUrl is \"{options.WebhookUrl}\"; Telegram posts only to an absolute https URL");
            }

            if (!options.WebhookPath.StartsWith('/'))
            {
                failures.Add($"{section}:WebhookPath is \"{options.WebhookPath}\"; it must start with /");
            }
        }

        if (options.PollTimeoutSeconds is < 1 or > 50)
        {
            failures.Add($"{section}:PollTimeoutSeconds is {options.PollTimeoutSeconds}; use 1 to 50");
        }

        if (options.MaxSendAttempts is < 1 or > 20)
        {
            failures.Add($"{section}:MaxSendAttempts is {options.MaxSendAttempts}; use 1 to 20");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>The bot id (at most 16 digits, as Telegram.Bot reads it), a colon, the secret.</summary>
    [GeneratedRegex("^[0-9]{1,16}:[A-Za-z0-9_-]+$")]
    private static partial Regex Token();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex Secret();
}
