using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SofaBot.Storage;

namespace SofaBot.Tests.DingTalk;

/// <summary>A signed callback with bad bytes gets a 200 or a 400 with a log line, never a 500 that DingTalk would
/// deliver again for ever; ids are stored exactly or refused, so two messages never collide.</summary>
public sealed class PoisonCallbackTests
{
    /// <param name="typed">The text as the JSON escapes it.</param>
    /// <param name="stored">What the store keeps.</param>
    [Theory]
    [InlineData("seata \\ud83d 怎么配置", "seata \uFFFD 怎么配置")] // half a surrogate pair
    [InlineData("seata\\u0000 怎么配置", "seata\uFFFD 怎么配置")] // a NUL, which PostgreSQL cannot store
    public async Task A_character_that_cannot_be_stored_is_stored_as_a_replacement_character_and_acknowledged(string typed, string stored)
    {
        await using var bed = await DingTalkBed.StartAsync();
        var callback = bed.Text("placeholder");
        var body = callback.ToJsonString().Replace("placeholder", typed, StringComparison.Ordinal);
        var (timestamp, sign) = bed.Headers();

        var (status, _) = await bed.PostAsync(body, timestamp, sign);
        await bed.Bot.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var key = new MessageKey("dingtalk", Callbacks.Group, callback["msgId"]!.GetValue<string>());
        var received = await bed.Bot.Services.GetRequiredService<IStateStore>().GetReceivedAsync(key, CancellationToken.None);
        Assert.Contains(stored, received!.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_with_400()
    {
        await using var bed = await DingTalkBed.StartAsync();
        var body = Encoding.UTF8.GetBytes(bed.Text("placeholder").ToJsonString()).ToList();
        var at = body.IndexOf((byte)'p');
        body[at] = 0xC3; // a lead byte followed by ASCII: not UTF-8
        var (timestamp, sign) = bed.Headers();

        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, bed.Bot.Url + "/dingtalk/callback") { Content = new ByteArrayContent([.. body]) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("timestamp", timestamp);
        request.Headers.Add("sign", sign);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("msg\\u0000one")]
    [InlineData("msg\\udc00one")]
    public async Task An_id_that_cannot_be_stored_exactly_is_refused_with_400(string msgId)
    {
        await using var bed = await DingTalkBed.StartAsync();
        var callback = bed.Text("seata 怎么配置");
        var body = callback.ToJsonString().Replace(callback["msgId"]!.GetValue<string>(), msgId, StringComparison.Ordinal);
        var (timestamp, sign) = bed.Headers();

        var (status, _) = await bed.PostAsync(body, timestamp, sign);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(bed.Bot.Logs.Entries, e => e.EventId.Id == 3202);
    }
}
