namespace SofaBot.Channels.LocalChat;

/// <summary>The <c>Channels:LocalChat</c> section: the chat page the host serves at <c>/</c> to try the bot.</summary>
internal sealed class LocalChatOptions
{
    public const string SectionName = "Channels:LocalChat";

    /// <summary>Serve the local chat. On by default: it is what a newcomer sees first. Turn it off on a public host.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bot's name in the local chat; people address it as <c>@</c> and this name.</summary>
    public string BotName { get; set; } = "SofaBot";
}
