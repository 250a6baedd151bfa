using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SofaBot.Channels.DingTalk;
using SofaBot.Channels.LocalChat;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;
using SofaBot.Review;

namespace SofaBot.Hosting;

/// <summary>Registers the bot: the messaging pipeline and every channel. Hosted services start in the order
/// registered (index, recovery, then the channels) and stop in reverse, so receivers stop before the dispatcher
/// drains the replies in flight.</summary>
internal static class ChatServices
{
    public static IServiceCollection AddSofaBotChat(this IServiceCollection services)
    {
        services.AddSofaBotReplies();
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.AddOptions<DingTalkOptions>().BindConfiguration(DingTalkOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DingTalkOptions>, DingTalkOptionsValidator>());

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

        services.AddSingleton<LocalChatRoom>();
        services.AddSingleton<IChatChannel, LocalChatChannel>();

        services.AddTelegramBotClient();
        services.AddSingleton<TelegramCommandMenu>();
        services.AddSingleton<TelegramBot>();
        services.AddSingleton<TelegramIntake>();
        services.AddSingleton<IChatChannel, TelegramChannel>();
        // the review chat: the desk only posts and edits (the queue depends on every desk); presses and replies
        // act through the queue
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewDesk, TelegramReviewDesk>());
        services.AddSingleton<TelegramReviewCallbacks>();
        services.AddSingleton<TelegramReviewReplies>();
        services.AddHostedService<TelegramPolling>();
        services.AddHostedService<TelegramWebhook>();

        // a session webhook's URL is a credential and the access token a header: this client logs nothing, and it
        // follows no redirect, so a request goes only where the channel checked it may go
        services.AddHttpClient(DingTalkApi.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.AddSingleton<DingTalkApi>();
        services.AddSingleton<DingTalkAccessToken>();
        services.AddSingleton<DingTalkCallback>();
        services.AddSingleton<IChatChannel, DingTalkChannel>();

        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready");
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return services;
    }
}
