using Microsoft.Extensions.Options;

namespace SofaBot.Messaging;

/// <summary>Checks <c>Chat</c> at start-up; messages name the key.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var section = ChatOptions.SectionName;
        List<string> failures = [];
        if (options.MaxConcurrentChats is < 1 or > 256)
        {
            failures.Add($"{section}:MaxConcurrentChats is {options.MaxConcurrentChats}; use 1 to 256");
        }

        if (options.ShutdownGraceSeconds is < 0 or > 60)
        {
            failures.Add($"{section}:ShutdownGraceSeconds is {options.ShutdownGraceSeconds}; use 0 to 60");
        }

        if (options.ClaimTimeoutSeconds < 10)
        {
            failures.Add($"{section}:ClaimTimeoutSeconds is {options.ClaimTimeoutSeconds}; use at least 10");
        }

        if (options.MaxStoredChars is < 1_000 or > 1_000_000)
        {
            failures.Add($"{section}:MaxStoredChars is {options.MaxStoredChars}; use 1000 to 1000000");
        }

        if (options.LeaseSeconds is < 3 or > 600)
        {
            failures.Add($"{section}:LeaseSeconds is {options.LeaseSeconds}; use 3 to 600");
        }

        if (options.Language?.ToLowerInvariant() is not ("auto" or "zh" or "en"))
        {
            failures.Add($"{section}:Language is \"{options.Language}\"; use auto (follow the messages), zh or en");
        }

        if (options.MaxMessageAgeHours < 1)
        {
            failures.Add($"{section}:MaxMessageAgeHours is {options.MaxMessageAgeHours}; use at least 1");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
