using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Channels.Telegram;

/// <summary>The commands people see in the chat's menu (the "/" button): <c>/ask</c> and <c>/help</c>, described in
/// Chinese for everyone and in English for clients set to English, like the bot's own replies.</summary>
/// <remarks>Registered with <c>setMyCommands</c> at every start, so a change here reaches the menu without a visit
/// to @BotFather. The commands work without the menu, so a failure is a warning and the bot goes on.</remarks>
internal sealed partial class TelegramCommandMenu(ITelegramBotClient client, ILogger<TelegramCommandMenu> logger)
{
    /// <summary>The menu for clients in any other language.</summary>
    internal static readonly BotCommand[] Chinese =
    [
        new("ask", "问一个 SOFAStack 的问题：/ask 问题"),
        new("help", "SofaBot 能回答什么、怎么问"),
    ];

    /// <summary>The menu for clients set to English (<c>language_code</c> "en").</summary>
    internal static readonly BotCommand[] English =
    [
        new("ask", "Ask a question about SOFAStack: /ask your question"),
        new("help", "What SofaBot answers and how to ask"),
    ];

    internal const string EnglishLanguageCode = "en";

    /// <summary>Registers both menus; never throws but for cancellation.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.SetMyCommands(Chinese, cancellationToken: cancellationToken);
            await client.SetMyCommands(English, languageCode: EnglishLanguageCode, cancellationToken: cancellationToken);
            LogRegistered();
        }
        catch (RequestException e)
        {
            LogNotRegistered(e.Message);
        }
    }

    [LoggerMessage(3114, LogLevel.Debug, "Telegram: /ask and /help are in the chats' command menu (Chinese, and English for English clients)")]
    private partial void LogRegistered();

    [LoggerMessage(3115, LogLevel.Warning, "Telegram: the command menu could not be set ({Reason}); /ask and /help still work, they are only not listed in the menu")]
    private partial void LogNotRegistered(string reason);
}
