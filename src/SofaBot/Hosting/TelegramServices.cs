using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Review.TelegramChat;
using SofaBot.Telemetry;
using Telegram.Bot;

namespace SofaBot.Hosting;

/// <summary>Registers the Telegram channel (the group bot: polling or webhook, intake, replies) and the Telegram review
/// chat (the maintainers' desk, their presses and replies), both over Telegram.Bot's client
/// (<see cref="TimedTelegramBotClient"/>).</summary>
internal static class TelegramServices
{
    public const string HttpClientName = "telegram";

    /// <summary>With the channel off nothing calls Telegram, but the channel's services are still built; the client
    /// they get has this placeholder token, which Telegram would refuse.</summary>
    private const string ChannelOffToken = "0:channel-off";

    public static IServiceCollection AddTelegramChannel(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.AddTelegramBotClient();
        services.AddSingleton<TelegramCommandMenu>();
        services.AddSingleton<TelegramBot>();
        services.AddSingleton<TelegramIntake>();
        services.AddSingleton<IChatChannel, TelegramChannel>();
        services.AddHostedService<TelegramPolling>();
        services.AddHostedService<TelegramWebhook>();
        return services;
    }

    /// <summary>The review chat: the desk only posts and edits (the queue depends on every desk); presses and replies
    /// act through the queue. Its updates arrive through the channel's intake.</summary>
    public static IServiceCollection AddTelegramReviewChat(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewDesk, TelegramReviewDesk>());
        services.AddSingleton<TelegramReviewCallbacks>();
        services.AddSingleton<TelegramReviewReplies>();
        return services;
    }

    public static IServiceCollection AddTelegramBotClient(this IServiceCollection services)
    {
        // the token is in every Telegram URL, and the factory's default logging writes request URLs: this client
        // logs nothing. One HttpClient for the life of the host (the client is a singleton), so connections are
        // renewed by the handler every few minutes instead, to follow DNS changes
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var token = settings.IsEnabled ? settings.BotToken!.Trim() : ChannelOffToken;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new TimedTelegramBotClient(token, settings.BaseUrl, http, sp.GetRequiredService<BotMetrics>());
        });
        return services;
    }
}
