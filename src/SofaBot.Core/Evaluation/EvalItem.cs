using System.Text.Json;
using System.Text.Json.Serialization;

namespace SofaBot.Evaluation;

/// <summary>One line of an eval set: a message as community members type it and the pair it should find, or
/// none (<c>"expect": null</c>) when it must not be answered. With <c>"follow_up_of"</c> the message replies to the
/// bot's reply to that earlier message.</summary>
public sealed record EvalItem(
    string Query,
    EvalExpectation? Expect,
    string? Kind,
    string? Difficulty,
    [property: JsonPropertyName("follow_up_of")] string? FollowUpOf = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reads a JSON-lines eval set; a bad line is an error naming the file and line.</summary>
    public static List<EvalItem> ReadFile(string path)
    {
        var items = new List<EvalItem>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var item = JsonSerializer.Deserialize<EvalItem>(line, Json);
                if (item is null || string.IsNullOrEmpty(item.Query))
                {
                    throw new FormatException("the line has no \"query\"");
                }

                if (item.FollowUpOf is { } earlier && string.IsNullOrWhiteSpace(earlier))
                {
                    throw new FormatException("\"follow_up_of\" is empty: give the earlier message, or leave the field out");
                }

                items.Add(item);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new FormatException($"{path}:{number}: not an eval item ({e.Message})", e);
            }
        }

        return items;
    }
}

/// <summary>Where the expected pair is: its weekly file, its asker, and words of its question.</summary>
public sealed record EvalExpectation(
    string File,
    string? Asker,
    [property: JsonPropertyName("question_contains")] string QuestionContains);
