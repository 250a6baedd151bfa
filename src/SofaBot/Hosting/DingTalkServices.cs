using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SofaBot.Channels.DingTalk;
using SofaBot.Messaging;

namespace SofaBot.Hosting;

/// <summary>Registers the DingTalk channel: the signed callback, the robot API client and its access token, the
/// replies.</summary>
internal static class DingTalkServices
{
    public static IServiceCollection AddDingTalkChannel(this IServiceCollection services)
    {
        services.AddOptions<DingTalkOptions>().BindConfiguration(DingTalkOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DingTalkOptions>, DingTalkOptionsValidator>());
        // a session webhook's URL is a credential and the access token a header: this client logs nothing, and it
        // follows no redirect, so a request goes only where the channel checked it may go
        services.AddHttpClient(DingTalkApi.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.AddSingleton<DingTalkApi>();
        services.AddSingleton<DingTalkAccessToken>();
        services.AddSingleton<DingTalkCallback>();
        services.AddSingleton<IChatChannel, DingTalkChannel>();
        return services;
    }
}
