using System.Text.Json;
using SofaBot.Json;
using SofaBot.Messaging;
using SofaBot.Review;

namespace SofaBot.Storage;

/// <summary>How the review store keeps a review item's message and candidates: JSON with the web defaults, the
/// message exactly as the inbox stores it (<see cref="Inbox.Serialize"/>).</summary>
internal static class ReviewJson
{
    private static readonly JsonSerializerOptions Json = PlainJson.Web();

    public static string WriteMessage(IncomingMessage message) => Inbox.Serialize(message);

    public static IncomingMessage ReadMessage(string json) =>
        JsonSerializer.Deserialize<IncomingMessage>(json, Json) ?? throw new JsonException("a review item's message is null");

    public static string WriteCandidates(IReadOnlyList<ReviewCandidate> candidates) => JsonSerializer.Serialize(candidates, Json);

    public static IReadOnlyList<ReviewCandidate> ReadCandidates(string json) =>
        JsonSerializer.Deserialize<List<ReviewCandidate>>(json, Json) ?? [];
}
