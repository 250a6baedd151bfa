using Microsoft.Extensions.Options;

namespace SofaBot.Channels.DingTalk;

/// <summary>Checks <c>Channels:DingTalk</c> when the channel is on; messages name the key and never show a secret.</summary>
internal sealed class DingTalkOptionsValidator : IValidateOptions<DingTalkOptions>
{
    public ValidateOptionsResult Validate(string? name, DingTalkOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var section = DingTalkOptions.SectionName;
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.RobotCode))
        {
            failures.Add($"{section}:RobotCode is required when {section}:AppSecret is set (for an enterprise internal app robot it is the app's AppKey)");
        }

        if (!IsServiceUrl(options.BaseUrl))
        {
            failures.Add($"{section}:BaseUrl is \"{options.BaseUrl}\"; use an absolute http(s) URL without query, such as https://oapi.dingtalk.com");
        }

        if (!IsServiceUrl(options.ApiBaseUrl))
        {
            failures.Add($"{section}:ApiBaseUrl is \"{options.ApiBaseUrl}\"; use an absolute http(s) URL without query, such as https://api.dingtalk.com");
        }

        if (string.IsNullOrEmpty(options.CallbackPath) || !options.CallbackPath.StartsWith('/'))
        {
            failures.Add($"{section}:CallbackPath is \"{options.CallbackPath}\"; it must start with /");
        }

        if (options.SignatureWindowMinutes is < 1 or > 60)
        {
            failures.Add($"{section}:SignatureWindowMinutes is {options.SignatureWindowMinutes}; use 1 to 60 (DingTalk itself refuses requests more than an hour off)");
        }

        if (options.MaxSendAttempts is < 1 or > 20)
        {
            failures.Add($"{section}:MaxSendAttempts is {options.MaxSendAttempts}; use 1 to 20");
        }

        if (string.IsNullOrWhiteSpace(options.BotName))
        {
            failures.Add($"{section}:BotName is empty; use the robot's name as users see it in DingTalk");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>An absolute http(s) URL that can serve as a base: no user info, query or fragment.</summary>
    public static bool IsServiceUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
