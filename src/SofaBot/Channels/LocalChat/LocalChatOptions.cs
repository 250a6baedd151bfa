namespace SofaBot.Channels.LocalChat;

/// <summary>The <c>Channels:LocalChat</c> section: the chat page the host serves at <c>/</c> to try the bot.</summary>
internal sealed class LocalChatOptions
{
    public const string SectionName = "Channels:LocalChat";

    /// <summary>Serve the local chat: unset (the default) serves it only on loopback addresses, where a newcomer on
    /// this machine finds it and nobody else does; <c>true</c> serves it on every address the host listens on (anyone
    /// who reaches them can post, read, and fill the review queue); <c>false</c> turns it off.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Whether the local chat is served at all.</summary>
    public bool IsOn => Enabled != false;

    /// <summary>The bot's name in the local chat; people address it as <c>@</c> and this name.</summary>
    public string BotName { get; set; } = "SofaBot";
}
