using SofaBot.Answering;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>What both decision logs promise (the table <c>decision_log</c> in the state store's file or database),
/// run by a subclass per store on a real file or database of its own.</summary>
public abstract class DecisionLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 16, 0, 0, 250, TimeSpan.FromHours(8));

    internal abstract TestDatabase Database { get; }

    internal abstract IDecisionLog Open();

    public Task InitializeAsync() => Database.CreateAsync();

    public Task DisposeAsync() => Database.DeleteAsync();

    [Fact]
    public async Task A_decision_round_trips_every_field_and_is_found_by_the_bots_message()
    {
        var log = Open();
        var added = await log.AddAsync(Record("101", "9001"), CancellationToken.None);

        var found = await log.FindByBotMessageAsync("telegram", "-100123", "9001", CancellationToken.None);

        Assert.NotNull(found);
        Assert.True(added.Id > 0);
        Assert.Equal(added.Id, found.Id);
        Assert.Equal((added.Question, added.QuestionText, added.BotMessageId, added.Kind, added.Answered, added.Top, added.Confidence, added.MayAnswer, added.At),
            (found.Question, found.QuestionText, found.BotMessageId, found.Kind, found.Answered, found.Top, found.Confidence, found.MayAnswer, found.At));
        Assert.Equal(added.Shown, found.Shown);
        Assert.Equal(added.Features.OrderBy(f => f.Key), found.Features.OrderBy(f => f.Key));
    }

    [Fact]
    public async Task A_bot_message_of_another_chat_or_never_logged_is_not_found()
    {
        var log = Open();
        await log.AddAsync(Record("101", "9001"), CancellationToken.None);

        Assert.Null(await log.FindByBotMessageAsync("telegram", "-100999", "9001", CancellationToken.None));
        Assert.Null(await log.FindByBotMessageAsync("local", "-100123", "9001", CancellationToken.None));
        Assert.Null(await log.FindByBotMessageAsync("telegram", "-100123", "9002", CancellationToken.None));
    }

    [Fact]
    public async Task A_draft_without_a_reply_and_nulls_are_kept()
    {
        var log = Open();
        await log.AddAsync(Record("102", null) with { Top = null, MayAnswer = null, Shown = [], Features = new Dictionary<string, float>() }, CancellationToken.None);

        var only = Assert.Single(await log.ListAsync(CancellationToken.None));
        Assert.Equal((null, null, null), (only.BotMessageId, only.Top, only.MayAnswer));
        Assert.Empty(only.Shown);
        Assert.Empty(only.Features);
    }

    [Fact]
    public async Task A_restart_keeps_the_log()
    {
        await Open().AddAsync(Record("101", "9001"), CancellationToken.None);

        await Database.CloseAsync();

        Assert.NotNull(await Open().FindByBotMessageAsync("telegram", "-100123", "9001", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_writes_from_two_instances_all_land_with_their_own_ids()
    {
        IDecisionLog[] logs = [Open(), Open()];
        var added = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => logs[i % 2].AddAsync(Record($"m{i}", $"b{i}"), CancellationToken.None))));

        var listed = await logs[0].ListAsync(CancellationToken.None);
        Assert.Equal(40, listed.Count);
        Assert.Equal(40, added.Select(a => a.Id).Distinct().Count());
        Assert.Equal(listed.Select(r => r.Id).Order(), listed.Select(r => r.Id));
    }

    [Fact]
    public async Task The_newest_decision_on_a_bot_message_wins_and_old_rows_read_with_todays_feature_list()
    {
        var log = Open();
        // a row written when the feature list was shorter, and one that names a feature since removed
        await log.AddAsync(Record("101", "9001") with { Features = new Dictionary<string, float> { ["Margin"] = 0.5f, ["Retired"] = 3 } }, CancellationToken.None);
        var newer = await log.AddAsync(Record("101", "9001") with { Confidence = 0.5f }, CancellationToken.None);

        var found = await log.FindByBotMessageAsync("telegram", "-100123", "9001", CancellationToken.None);
        var old = (await log.ListAsync(CancellationToken.None))[0];

        Assert.Equal(newer.Id, found!.Id);
        var vector = old.FeatureVector();
        Assert.Equal(ConfidenceFeatures.Names.Count, vector.Length);
        Assert.Equal(0.5f, vector[ConfidenceFeatures.Names.ToList().IndexOf("Margin")]);
        Assert.Equal(0.5f, vector.Sum());
    }

    [Fact]
    public async Task Decisions_since_a_time_are_listed_oldest_first()
    {
        var log = Open();
        await log.AddAsync(Record("1", "b1"), CancellationToken.None);
        var atSince = await log.AddAsync(Record("2", "b2") with { At = T0.AddDays(1) }, CancellationToken.None);
        var later = await log.AddAsync(Record("3", "b3") with { At = T0.AddDays(2) }, CancellationToken.None);

        var listed = await log.ListSinceAsync(T0.AddDays(1), CancellationToken.None);

        Assert.Equal([atSince.Id, later.Id], listed.Select(d => d.Id));
        Assert.Equal([T0.AddDays(1), T0.AddDays(2)], listed.Select(d => d.At));
        Assert.Empty(await log.ListSinceAsync(T0.AddDays(2).AddTicks(10), CancellationToken.None));
    }

    private static DecisionRecord Record(string message, string? bot) => new()
    {
        Question = new MessageKey("telegram", "-100123", message),
        QuestionText = "jraft 5 个节点坏了一台，集群还能用吗？ 🚀 \"quoted\"",
        BotMessageId = bot,
        Kind = DecisionKind.Answer,
        Answered = true,
        Shown = [new("sofa-weekly-20211203:3", 0), new("sofa-weekly-20211203:4", 1)],
        Top = new("sofa-weekly-20211203:3", 0),
        Features = ConfidenceFeatures.Names.Select((name, i) => (name, value: 0.125f * i)).ToDictionary(f => f.name, f => f.value),
        Confidence = 0.875f,
        MayAnswer = true,
        At = T0,
    };
}
