using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests;
using Telegram.Bot.Types.Enums;

namespace SofaBot.Channels.Telegram;

/// <summary><c>getUpdates</c> with the updates left as JSON. Telegram.Bot's own <c>GetUpdates</c> decodes the whole
/// batch at once, so one update it cannot read would fail the batch, and the batch would be fetched again for ever;
/// here <see cref="TelegramIntake"/> decodes each update on its own and skips (and confirms) one it cannot read.</summary>
internal sealed class TelegramRawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    /// <summary>The first update to return; every update before it is confirmed to Telegram.</summary>
    public long? Offset { get; init; }

    /// <summary>Seconds Telegram holds the request open when there is nothing new.</summary>
    public int Timeout { get; init; }

    [JsonPropertyName("allowed_updates")]
    public IReadOnlyList<UpdateType> AllowedUpdates { get; init; } = TelegramIntake.Kinds;
}
