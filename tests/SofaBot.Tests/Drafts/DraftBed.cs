using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Drafts;

/// <summary>The review bed with the fake chat model configured as the assistant (<c>Assistant:Endpoint</c>,
/// <c>Assistant:Model</c>), over loopback.</summary>
public sealed class DraftBed : IAsyncDisposable
{
    public const string Model = "fake-qwen";

    /// <summary>What a good model answers for <see cref="ReviewBed.SuggestQuestion"/>: candidate 1, with that
    /// candidate's project link.</summary>
    public const string GoodDraft = "SOFARegistry 的数据存在 OceanBase 里，代码兼容 MySQL。见 " + ReviewBed.SuggestAnswerLink;

    private DraftBed(FakeChatServer model, ReviewBed review)
    {
        ChatModel = model;
        Review = review;
    }

    public FakeChatServer ChatModel { get; }

    public ReviewBed Review { get; }

    public static string Json(int candidate, string answer) => JsonSerializer.Serialize(new { candidate, answer });

    public static async Task<DraftBed> StartAsync(string content, Dictionary<string, string?>? settings = null, ChatBehaviour behaviour = ChatBehaviour.Answer)
    {
        var model = await FakeChatServer.StartAsync();
        model.Content = content;
        model.Behaviour = behaviour;
        var all = Settings(model);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new DraftBed(model, await ReviewBed.StartAsync(all));
    }

    public static Dictionary<string, string?> Settings(FakeChatServer model) => new()
    {
        ["Assistant:Endpoint"] = model.Endpoint,
        ["Assistant:Model"] = Model,
        ["Assistant:TimeoutSeconds"] = "5",
    };

    /// <summary>Asks the suggest question and returns its pending item's id.</summary>
    public async Task<long> AskSuggestAsync()
    {
        await Review.AskAsync(ReviewBed.SuggestQuestion);
        return (await Review.PendingItemAsync(ReviewBed.SuggestQuestion)).GetProperty("id").GetInt64();
    }

    /// <summary>The item as the API shows it once its draft is there.</summary>
    public async Task<JsonElement> DraftedItemAsync(long id)
    {
        JsonElement item = default;
        await Eventually.UntilAsync(
            async () =>
            {
                item = await Review.Api.GetFromJsonAsync<JsonElement>($"{Review.Bot.Url}/api/review/{id}");
                return item.GetProperty("draft").ValueKind == JsonValueKind.Object;
            },
            $"a draft on item {id}");
        return item;
    }

    /// <summary>Waits for the one warning the drafting of an item ends with when it fails.</summary>
    public Task WarnedAsync(int eventId) =>
        Eventually.UntilAsync(() => Review.Bot.Logs.Warnings(eventId).Count > 0, $"warning {eventId}");

    public async ValueTask DisposeAsync()
    {
        await Review.DisposeAsync();
        await ChatModel.DisposeAsync();
    }
}
