using System.Globalization;
using SofaBot.Channels.DingTalk;

namespace SofaBot.Tests.DingTalk;

/// <summary>The callback signature: DingTalk's algorithm, compared in constant time, and a window both ways.</summary>
public sealed class DingTalkSignatureTests
{
    private const string Secret = "this is a secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static string At(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void The_signature_is_base64_of_hmac_sha256_over_timestamp_newline_secret()
    {
        // computed independently: HMACSHA256(key: secret, data: "1763715600000\nthis is a secret")
        var expected = Callbacks.Sign("1763715600000", Secret);

        Assert.Equal(expected, DingTalkSignature.Compute("1763715600000", Secret));
        Assert.Equal(44, expected.Length);
        Assert.NotEqual(expected, DingTalkSignature.Compute("1763715600001", Secret));
    }

    [Fact]
    public void A_right_signature_inside_the_window_is_valid()
    {
        var timestamp = At(Now);

        Assert.Equal(SignatureCheck.Valid, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, Secret), Secret, Now, Window));
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(60)]
    [InlineData(-59)]
    [InlineData(0)]
    public void The_window_edges_are_inside(int minutes)
    {
        var timestamp = At(Now.AddMinutes(minutes));

        Assert.Equal(SignatureCheck.Valid, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, Secret), Secret, Now, Window));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_millisecond_past_either_edge_is_stale_even_when_signed_right(int direction)
    {
        var timestamp = At(Now + (direction * (Window + TimeSpan.FromMilliseconds(1))));

        Assert.Equal(SignatureCheck.Stale, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, Secret), Secret, Now, Window));
    }

    [Fact]
    public void A_signature_made_with_another_secret_or_for_another_timestamp_does_not_match()
    {
        var timestamp = At(Now);

        Assert.Equal(SignatureCheck.Mismatch, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, "another secret"), Secret, Now, Window));
        Assert.Equal(SignatureCheck.Mismatch, DingTalkSignature.Verify(timestamp, Callbacks.Sign(At(Now.AddSeconds(1)), Secret), Secret, Now, Window));
        Assert.Equal(SignatureCheck.Mismatch, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, Secret).ToLowerInvariant(), Secret, Now, Window));
    }

    [Theory]
    [InlineData(null, "sign")]
    [InlineData("", "sign")]
    [InlineData("1763715600000", null)]
    [InlineData("1763715600000", "")]
    [InlineData(null, null)]
    public void Missing_headers_are_refused(string? timestamp, string? sign)
    {
        Assert.Equal(SignatureCheck.Missing, DingTalkSignature.Verify(timestamp, sign, Secret, Now, Window));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.7637156E12")]
    [InlineData("-1763715600000")]
    [InlineData(" 1763715600000")]
    [InlineData("1763715600000 ")]
    [InlineData("0x1A")]
    [InlineData("99999999999999999999999")]
    public void A_timestamp_that_is_not_plain_digits_is_refused(string timestamp)
    {
        Assert.Equal(SignatureCheck.NotANumber, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, Secret), Secret, Now, Window));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9223372036854775807")]
    public void Extreme_timestamps_are_stale_without_overflowing(string timestamp)
    {
        Assert.Equal(SignatureCheck.Stale, DingTalkSignature.Verify(timestamp, Callbacks.Sign(timestamp, Secret), Secret, Now, Window));
    }
}
