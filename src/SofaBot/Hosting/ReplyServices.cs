using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SofaBot.Channels.LocalChat;
using SofaBot.Messaging;

namespace SofaBot.Hosting;

/// <summary>Registers what plans the bot's reply to a message: the chat settings, the chat's language and the
/// planner. The bot's host and the verbs' host both add it, so <c>ask</c> plans a reply as the bot does.</summary>
internal static class ReplyServices
{
    public static IServiceCollection AddSofaBotReplies(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>());
        // the name the local chat answers to: ask reads a message as the local chat does
        services.AddOptions<LocalChatOptions>().BindConfiguration(LocalChatOptions.SectionName);
        services.TryAddSingleton<ChatLanguage>();
        // replies to the bot read with what they continue; the decision log is opened only when one comes
        services.TryAddSingleton<FollowUps>();
        services.TryAddSingleton<ReplyPlanner>();
        return services;
    }
}
