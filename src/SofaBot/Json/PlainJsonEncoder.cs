using System.Globalization;
using System.Text.Encodings.Web;

namespace SofaBot.Json;

/// <summary>Writes JSON text as people read it: Chinese, emoji and <c>&lt; &gt; &amp; ' +</c> stay as they are. Only
/// what JSON itself requires is escaped: the quote, the backslash, control characters, and lone surrogates (which are
/// not text). The framework's encoders cannot do this: the default escapes everything outside ASCII, and even
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> escapes every emoji as a surrogate pair.</summary>
/// <remarks>Escaping for HTML belongs where HTML is written (the review page encodes everything it shows); no JSON this
/// project writes is ever pasted into a page.</remarks>
internal sealed class PlainJsonEncoder : JavaScriptEncoder
{
    public static readonly PlainJsonEncoder Instance = new();

    private PlainJsonEncoder()
    {
    }

    /// <summary><c>\uXXXX</c>.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' or (>= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a whole surrogate pair is an ordinary character (an emoji)
                continue;
            }

            if (WillEncode(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var escaped = Escape(unicodeScalar);
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        for (var i = 0; i < escaped.Length; i++)
        {
            buffer[i] = escaped[i];
        }

        numberOfCharactersWritten = escaped.Length;
        return true;
    }

    private string Escape(int scalar) => scalar switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\b' => "\\b",
        '\f' => "\\f",
        _ when !WillEncode(scalar) => char.ConvertFromUtf32(scalar),
        _ => "\\u" + scalar.ToString("X4", CultureInfo.InvariantCulture),
    };
}
