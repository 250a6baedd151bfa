using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SofaBot.Channels.DingTalk;

/// <summary>The <c>timestamp</c> and <c>sign</c> headers of a DingTalk callback: <c>sign</c> is the Base64 of
/// HMAC-SHA256 over <c>timestamp + "\n" + appSecret</c>, keyed with the appSecret, and the timestamp (epoch ms) must be
/// close to now. Only both together make a request DingTalk's.</summary>
/// <remarks>The signature covers the timestamp alone, not the body: a captured pair stays valid for any body inside
/// the window. The window and the dedupe on <c>msgId</c> are what limit a replay.</remarks>
internal static class DingTalkSignature
{
    public const string TimestampHeader = "timestamp";
    public const string SignHeader = "sign";

    public static string Compute(string timestamp, string appSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(timestamp + "\n" + appSecret)));

    /// <summary>Whether the headers prove the request comes from DingTalk now.</summary>
    public static SignatureCheck Verify(string? timestamp, string? sign, string appSecret, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(sign))
        {
            return SignatureCheck.Missing;
        }

        // digits only: no sign, no spaces, no exponent; anything else is not DingTalk's millisecond timestamp
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return SignatureCheck.NotANumber;
        }

        var nowMilliseconds = now.ToUnixTimeMilliseconds();
        var windowMilliseconds = (long)window.TotalMilliseconds;
        // written so that no subtraction can overflow, whatever the timestamp
        if (milliseconds < nowMilliseconds - windowMilliseconds || milliseconds - windowMilliseconds > nowMilliseconds)
        {
            return SignatureCheck.Stale;
        }

        var expected = Encoding.UTF8.GetBytes(Compute(timestamp, appSecret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(sign)) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>Why a request was refused, for the log: never the values themselves.</summary>
    public static string Describe(SignatureCheck check) => check switch
    {
        SignatureCheck.Missing => "the timestamp or sign header is missing",
        SignatureCheck.NotANumber => "the timestamp header is not a number of milliseconds",
        SignatureCheck.Stale => "the timestamp is outside the signature window (a replay, or a clock far off)",
        SignatureCheck.Mismatch => "the sign header does not match (a forged request, or Channels:DingTalk:AppSecret is not this robot's)",
        _ => "valid",
    };
}

/// <summary>The outcome of <see cref="DingTalkSignature.Verify"/>.</summary>
internal enum SignatureCheck
{
    Valid,
    Missing,
    NotANumber,
    Stale,
    Mismatch,
}
