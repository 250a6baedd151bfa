using System.Text.Json;
using System.Text.Json.Serialization;
using SofaBot.Json;

namespace SofaBot.Cli;

/// <summary>How every verb prints JSON: snake_case keys, readable Chinese and emoji (no \u escapes), indented.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = PlainJsonEncoder.Instance,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Task WriteAsync<T>(TextWriter output, T value) => output.WriteLineAsync(JsonSerializer.Serialize(value, Options));
}
