using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Storage;

namespace SofaBot.Channels.LocalChat;

/// <summary>The local chat over HTTP: the page at <c>/</c>, and the messages at <c>/chat/messages</c>. A posted
/// message is read the way a Telegram group message is (a mention of <c>@SofaBot</c>, a reply to the bot, <c>/ask</c>,
/// <c>/help</c>) and goes through the same inbox as every channel.</summary>
internal static partial class LocalChatEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, LocalChatOptions settings)
    {
        if (!settings.IsOn)
        {
            return;
        }

        var chat = endpoints.MapGroup("");
        if (settings.Enabled is null)
        {
            // not asked for explicitly: only on loopback, so that a host listening on 0.0.0.0 does not hand the chat
            // (and the review queue it fills) to anyone who reaches it
            chat.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.LocalIpAddress is { } local && System.Net.IPAddress.IsLoopback(local)
                    ? await next(context)
                    : Results.NotFound());
        }

        chat.MapGet("/", () => Results.Stream(Page(), "text/html; charset=utf-8"));
        chat.MapGet("/chat/messages", (long? after, LocalChatRoom room) => Results.Ok(room.After(after ?? 0)));
        chat.MapPost("/chat/messages", PostAsync);
    }

    private static Stream Page() =>
        typeof(LocalChatEndpoints).Assembly.GetManifestResourceStream("SofaBot.LocalChat.chat.html")
        ?? throw new InvalidOperationException("the local chat page is missing from the build");

    private static async Task<IResult> PostAsync(LocalChatPost post, LocalChatRoom room, Inbox inbox, Clock clock, IOptions<LocalChatOptions> options, IOptions<ChatOptions> chat, CancellationToken cancellationToken)
    {
        var text = post.Text ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return Results.BadRequest(new { error = "text is empty" });
        }

        // the page is interactive: a message too long to store whole is refused, so its author can shorten it
        if (text.Length > chat.Value.MaxStoredChars)
        {
            return Results.BadRequest(new { error = $"text is longer than {chat.Value.MaxStoredChars} characters (Chat:MaxStoredChars)" });
        }

        var author = post.Author?.Trim() is { Length: > 0 } name ? name[..Math.Min(name.Length, 40)] : "you";
        var repliedTo = post.ReplyTo is { } id ? room.Find(id) : null;
        var message = room.Add(author, text, null, fromBot: false, repliedTo?.Id, clock.UtcNow);

        var (addressing, question) = Read(text, repliedTo?.FromBot == true, options.Value.BotName);
        var incoming = new IncomingMessage
        {
            Key = new MessageKey(LocalChatChannel.Channel, "local", room.KeyOf(message.Id)),
            Text = question,
            SenderId = author,
            SenderName = author,
            Addressing = addressing,
            SentAt = message.At,
            RepliesToMessageId = repliedTo is { FromBot: true } bot ? room.KeyOf(bot.Id) : null,
        };

        // like the Telegram channel: messages not meant for the bot are not stored unless proactive answers are on
        if (addressing != Addressing.None || chat.Value.ProactiveAnswers)
        {
            await inbox.AcceptAsync(incoming, cancellationToken);
        }
        else
        {
            inbox.Overhear(incoming);
        }

        return Results.Ok(message);
    }

    /// <summary>How the text addresses the bot, and the question without the command or mention.</summary>
    public static (Addressing Addressing, string Question) Read(string text, bool repliesToBot, string botName)
    {
        var trimmed = text.Trim();
        var command = Command().Match(trimmed);
        if (command.Success && (command.Groups["bot"].Length == 0 || string.Equals(command.Groups["bot"].Value, botName, StringComparison.OrdinalIgnoreCase)))
        {
            var name = command.Groups["name"].Value.ToLowerInvariant();
            var rest = trimmed[command.Length..].Trim();
            return name == "ask" ? (Addressing.AskCommand, rest) : (Addressing.HelpCommand, rest);
        }

        var mention = "@" + botName;
        if (trimmed.Contains(mention, StringComparison.OrdinalIgnoreCase))
        {
            return (Addressing.Mention, trimmed.Replace(mention, " ", StringComparison.OrdinalIgnoreCase).Trim());
        }

        return (repliesToBot ? Addressing.ReplyToBot : Addressing.None, trimmed);
    }

    [GeneratedRegex(@"^/(?<name>ask|start|help)(@(?<bot>\w+))?(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Command();
}

/// <summary>A message posted from the page.</summary>
internal sealed record LocalChatPost(string? Author, string? Text, long? ReplyTo);
