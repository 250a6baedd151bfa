using System.Text.Json;

namespace SofaBot.Drafts;

/// <summary>What the model answered, read strictly: JSON <c>{"candidate": k, "answer": "..."}</c> (inside a Markdown
/// code fence too: small models add one), k a candidate's number. Anything else is malformed: no draft.</summary>
internal static class DraftAnswer
{
    /// <summary>The answer and the candidate it draws on; candidate 0 with no answer when the model found none that
    /// fits. A reason instead when the answer cannot be used.</summary>
    public static (string? Text, int Candidate, string? Malformed) Read(string? reply, int candidates, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return (null, 0, "the reply is empty");
        }

        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return (null, 0, "the reply is not JSON");
        }

        try
        {
            using var json = JsonDocument.Parse(reply.AsMemory(start, end - start + 1));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("candidate", out var k) || k.ValueKind != JsonValueKind.Number || !k.TryGetInt32(out var candidate)
                || !root.TryGetProperty("answer", out var a) || a.ValueKind != JsonValueKind.String)
            {
                return (null, 0, "the reply lacks a numeric \"candidate\" or a string \"answer\"");
            }

            var text = a.GetString()!.Trim();
            if (candidate == 0 && text.Length == 0)
            {
                return (null, 0, null);
            }

            if (candidate < 1 || candidate > candidates)
            {
                return (null, 0, $"the reply names candidate {candidate}; the item has 1 to {candidates}");
            }

            if (text.Length == 0)
            {
                return (null, 0, "the answer is empty");
            }

            return text.Length > maxChars
                ? (null, 0, $"the answer is {text.Length} characters, over the {maxChars} a short draft may have")
                : (text, candidate, null);
        }
        catch (JsonException e)
        {
            return (null, 0, $"the reply is not valid JSON ({e.Message})");
        }
    }
}
