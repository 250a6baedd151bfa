using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SofaBot.Messaging;

namespace SofaBot.Hosting;

/// <summary>Registers the bot: the messaging pipeline, then each channel with its own call. Hosted services start in the order
/// registered (index, recovery, then the channels) and stop in reverse, so receivers stop before the dispatcher
/// drains the replies in flight.</summary>
internal static class ChatServices
{
    public static IServiceCollection AddSofaBotChat(this IServiceCollection services)
    {
        services.AddSofaBotReplies();

        services.TryAddSingleton<Clock>();
        services.TryAddSingleton<Replica>();
        services.AddSingleton<KnowledgeIndexService>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeIndexService>());
        services.AddSingleton<ConversationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationDispatcher>());
        services.AddSingleton<InboxRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxRecovery>());
        services.AddSingleton<ClaimKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ClaimKeeper>());
        services.AddSingleton<Inbox>();
        services.AddSingleton<ChatSlots>();
        services.AddSingleton<MessageHandler>();

        // each channel on its own; the hosted services start in this order and stop in reverse
        services.AddLocalChatChannel();
        services.AddTelegramChannel();
        services.AddTelegramReviewChat();
        services.AddDingTalkChannel();

        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready");
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return services;
    }
}
