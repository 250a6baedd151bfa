using System.Text.Json;

namespace SofaBot.Json;

/// <summary>The JSON options every part of SofaBot writes with (the review API, the local chat, <c>--json</c> output,
/// what the store keeps), so that all of it is plain UTF-8 a Chinese team can read: see <see cref="PlainJsonEncoder"/>.</summary>
internal static class PlainJson
{
    /// <summary>camelCase web defaults (the REST API, stored payloads).</summary>
    public static JsonSerializerOptions Web() => new(JsonSerializerDefaults.Web) { Encoder = PlainJsonEncoder.Instance };
}
