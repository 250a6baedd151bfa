using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Tests.Review;
using static SofaBot.Tests.DingTalk.DingTalkBed;

namespace SofaBot.Tests.DingTalk;

/// <summary>An answer approved in review reaches a DingTalk group the way the question came: through the session
/// webhook while it is valid, through the group-send API once it has expired.</summary>
public sealed class DingTalkReviewTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Review:MaintainerToken"] = ReviewBed.Token };

    private static async Task<HttpStatusCode> ApproveFirstPendingAsync(DingTalkBed bed)
    {
        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReviewBed.Token);
        var item = Assert.Single(await api.GetFromJsonAsync<JsonElement[]>(bed.Bot.Url + "/api/review?status=pending") ?? []);
        Assert.Equal("dingtalk", item.GetProperty("channel").GetString());
        var k = ReviewBed.CandidateOf(item, ReviewBed.SuggestAnswerPair);
        using var approved = await api.PostAsJsonAsync($"{bed.Bot.Url}/api/review/{item.GetProperty("id").GetInt64()}/approve", new { candidate = k });
        return approved.StatusCode;
    }

    [Fact]
    public async Task An_approved_answer_goes_through_the_session_webhook_while_it_is_valid()
    {
        await using var bed = await StartAsync(Settings);
        await bed.DeliverAsync(bed.Text(ReviewBed.SuggestQuestion));
        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));

        Assert.Equal(HttpStatusCode.OK, await ApproveFirstPendingAsync(bed));

        var answer = (await bed.Server.WaitForDeliveredAsync(2))[^1];
        Assert.Equal("session", answer.Route);
        Assert.Contains(ReviewBed.SuggestAnswerWord, answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("@" + Callbacks.AliceStaffId, answer.Text, StringComparison.Ordinal);
        Assert.Empty(bed.Server.To(FakeDingTalkServer.GroupSendPath));
    }

    [Fact]
    public async Task An_approved_answer_goes_through_the_group_send_api_once_the_session_webhook_has_expired()
    {
        await using var bed = await StartAsync(Settings);
        await bed.DeliverAsync(bed.Text(ReviewBed.SuggestQuestion));
        Assert.Single(await bed.Server.WaitForDeliveredAsync(1));

        bed.Bot.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.OK, await ApproveFirstPendingAsync(bed));

        var answer = (await bed.Server.WaitForDeliveredAsync(2))[^1];
        Assert.Equal("group", answer.Route);
        Assert.Equal(Callbacks.Group, answer.Request.Json["openConversationId"]!.GetValue<string>());
        Assert.StartsWith($"> {Callbacks.AliceNick}：{ReviewBed.SuggestQuestion}", answer.Text, StringComparison.Ordinal);
        Assert.Contains(ReviewBed.SuggestAnswerWord, answer.Text, StringComparison.Ordinal);
    }
}
