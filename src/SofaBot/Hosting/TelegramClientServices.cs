using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SofaBot.Channels.Telegram;
using SofaBot.Telemetry;
using Telegram.Bot;

namespace SofaBot.Hosting;

/// <summary>Registers Telegram.Bot's client for the Telegram channel (<see cref="TimedTelegramBotClient"/>).</summary>
internal static class TelegramClientServices
{
    public const string HttpClientName = "telegram";

    /// <summary>With the channel off nothing calls Telegram, but the channel's services are still built; the client
    /// they get has this placeholder token, which Telegram would refuse.</summary>
    private const string ChannelOffToken = "0:channel-off";

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
