using Microsoft.Extensions.DependencyInjection;
using SofaBot.Channels.LocalChat;
using SofaBot.Messaging;

namespace SofaBot.Hosting;

/// <summary>Registers the local chat: the page's in-memory room and its channel.</summary>
internal static class LocalChatServices
{
    public static IServiceCollection AddLocalChatChannel(this IServiceCollection services)
    {
        services.AddSingleton<LocalChatRoom>();
        services.AddSingleton<IChatChannel, LocalChatChannel>();
        return services;
    }
}
