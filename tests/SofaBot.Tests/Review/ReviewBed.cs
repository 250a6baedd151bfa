using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>The real host with a maintainer token, asked through its local chat (a group on one machine), reviewed
/// through the REST API: the whole maintainers' loop over loopback HTTP.</summary>
public sealed class ReviewBed : IAsyncDisposable
{
    public const string Token = "test-maintainer-token-0123456789";

    /// <summary>A suggest on the bundled corpus: SOFARegistry is named, and three SOFARegistry answers are close.</summary>
    public const string SuggestQuestion = "sofaregistry 用的什么数据库";

    /// <summary>The pair that answers it: which db SOFARegistry stores its data in (OceanBase; the code is MySQL-compatible).</summary>
    public const string SuggestAnswerPair = "sofa-weekly-20211210:5";

    /// <summary>A word of that pair's answer, to recognise it where it is posted.</summary>
    public const string SuggestAnswerWord = "mysql";

    public const string SuggestAnswerLink = "https://github.com/sofastack/sofa-registry";

    private readonly Dictionary<string, string?> _settings;

    private ReviewBed(TempDirectory state, Dictionary<string, string?> settings, BotUnderTest bot)
    {
        State = state;
        _settings = settings;
        Bot = bot;
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public TempDirectory State { get; }

    public BotUnderTest Bot { get; private set; }

    /// <summary>A client holding the maintainer token.</summary>
    public HttpClient Api { get; } = new();

    /// <summary>A client without it, as anyone on the network.</summary>
    public HttpClient Anonymous { get; } = new();

    public static async Task<ReviewBed> StartAsync(Dictionary<string, string?>? settings = null, InstantTime? time = null)
    {
        var all = new Dictionary<string, string?> { ["Review:MaintainerToken"] = Token };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var state = new TempDirectory();
        return new ReviewBed(state, all, await BotUnderTest.StartAsync(state, all, time));
    }

    public async Task RestartAsync()
    {
        await Bot.DisposeAsync();
        Bot = await BotUnderTest.StartAsync(State, _settings);
    }

    /// <summary>Asks the bot in the local chat and waits until the message is handled; returns the question's id.</summary>
    public async Task<long> AskAsync(string question, string author = "alice", bool mention = true)
    {
        using var posted = await Anonymous.PostAsJsonAsync(Bot.Url + "/chat/messages", new { author, text = (mention ? "@SofaBot " : "") + question });
        posted.EnsureSuccessStatusCode();
        var message = await posted.Content.ReadFromJsonAsync<JsonElement>();
        await Bot.IdleAsync();
        return message.GetProperty("id").GetInt64();
    }

    /// <summary>What the bot wrote in the local chat, oldest first.</summary>
    public async Task<List<JsonElement>> BotMessagesAsync()
    {
        var all = await Anonymous.GetFromJsonAsync<JsonElement[]>(Bot.Url + "/chat/messages?after=0") ?? [];
        return [.. all.Where(m => m.GetProperty("fromBot").GetBoolean())];
    }

    public async Task<JsonElement[]> ItemsAsync(string status = "pending") =>
        await Api.GetFromJsonAsync<JsonElement[]>(Bot.Url + "/api/review?status=" + status) ?? [];

    /// <summary>The one pending item for the question.</summary>
    public async Task<JsonElement> PendingItemAsync(string question) =>
        Assert.Single(await ItemsAsync(), i => i.GetProperty("question").GetString() == question);

    public Task<HttpResponseMessage> ApproveAsync(long id, object body) =>
        Api.PostAsJsonAsync($"{Bot.Url}/api/review/{id}/approve", body);

    public Task<HttpResponseMessage> RejectAsync(long id, object? body = null) =>
        Api.PostAsJsonAsync($"{Bot.Url}/api/review/{id}/reject", body ?? new { });

    /// <summary>Asks the question and has a maintainer reject the item it opened (<paramref name="body"/>: the reject
    /// request's, e.g. <c>new { notAQuestion = true }</c>); returns the item's id.</summary>
    public async Task<long> AskAndRejectAsync(string question, object? body = null)
    {
        await AskAsync(question);
        var id = (await PendingItemAsync(question)).GetProperty("id").GetInt64();
        using var rejected = await RejectAsync(id, body);
        rejected.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>The 1-based position of a pair among the item's candidates.</summary>
    public static int CandidateOf(JsonElement item, string pairId)
    {
        var candidates = item.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("pairId").GetString()).ToList();
        var index = candidates.IndexOf(pairId);
        Assert.True(index >= 0, $"{pairId} is not among the candidates {string.Join(", ", candidates)}");
        return index + 1;
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        Api.Dispose();
        Anonymous.Dispose();
        State.Dispose();
    }
}
