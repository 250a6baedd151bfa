using System.Text;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>What must survive a restart, and come back exactly as it was stored: cursors, embeddings, text.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Messages_cursors_and_embeddings_survive_a_restart()
    {
        var pending = Message("pending", T0);
        var answered = Message("answered", T0.AddSeconds(1));
        await Store.TryReceiveAsync(pending, CancellationToken.None);
        await Store.TryReceiveAsync(answered, CancellationToken.None);
        await Store.FinishAsync(answered.Key, MessageOutcome.Replied, "sent", T0.AddSeconds(3), CancellationToken.None);
        await Store.SetCursorAsync("telegram:offset", 981_234_567, CancellationToken.None);
        await Store.SetCursorAsync("dingtalk:seen", -5, CancellationToken.None);
        await Store.PutAsync("text-embedding-3-small", [("a1b2", [0.25f, -1.5f, 3e-8f])], CancellationToken.None);

        var restarted = await ReopenAsync();

        Assert.Equal(new MessageState(MessageOutcome.Pending, null, T0, null), await restarted.GetStateAsync(pending.Key, CancellationToken.None));
        Assert.Equal(new MessageState(MessageOutcome.Replied, "sent", T0.AddSeconds(1), T0.AddSeconds(3)), await restarted.GetStateAsync(answered.Key, CancellationToken.None));
        Assert.False(await restarted.TryReceiveAsync(answered, CancellationToken.None));
        Assert.Equal([pending], await restarted.ClaimUnfinishedAsync(T0.AddHours(1), T0.AddHours(1), 10, CancellationToken.None));
        Assert.Equal(981_234_567, await restarted.GetCursorAsync("telegram:offset", CancellationToken.None));
        Assert.Equal(-5, await restarted.GetCursorAsync("dingtalk:seen", CancellationToken.None));
        var vectors = await restarted.GetAsync("text-embedding-3-small", ["a1b2"], CancellationToken.None);
        Assert.Equal([0.25f, -1.5f, 3e-8f], vectors["a1b2"]);
    }

    [Fact]
    public async Task A_cursor_is_absent_until_set_then_keeps_the_last_value_of_its_own_name()
    {
        Assert.Null(await Store.GetCursorAsync("telegram:bot1", CancellationToken.None));

        await Store.SetCursorAsync("telegram:bot1", 100, CancellationToken.None);
        await Store.SetCursorAsync("telegram:bot2", long.MaxValue, CancellationToken.None);
        await Store.SetCursorAsync("telegram:bot1", 101, CancellationToken.None);

        Assert.Equal(101, await Store.GetCursorAsync("telegram:bot1", CancellationToken.None));
        Assert.Equal(long.MaxValue, await Store.GetCursorAsync("telegram:bot2", CancellationToken.None));
        Assert.Null(await Store.GetCursorAsync("telegram:bot3", CancellationToken.None));
    }

    [Fact]
    public async Task Embeddings_come_back_exactly_and_only_for_their_own_model()
    {
        float[] first = [0.1f, -2.5f, float.Epsilon, 1e30f, 0f];
        float[] second = [1f, 2f, 3f, 4f, 5f];
        float[] otherModel = [9f, 8f, 7f];
        await Store.PutAsync("model-a", [("k1", first), ("k2", second)], CancellationToken.None);
        await Store.PutAsync("model-b", [("k1", otherModel)], CancellationToken.None);

        var a = await Store.GetAsync("model-a", ["k1", "k2", "missing"], CancellationToken.None);
        var b = await Store.GetAsync("model-b", ["k1", "k2"], CancellationToken.None);

        Assert.Equal(["k1", "k2"], a.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first, a["k1"]);
        Assert.Equal(second, a["k2"]);
        Assert.Equal(otherModel, Assert.Single(b).Value);
        Assert.Empty(await Store.GetAsync("model-c", ["k1"], CancellationToken.None));

        // a vector stored again replaces the old one
        await Store.PutAsync("model-a", [("k1", second)], CancellationToken.None);
        Assert.Equal(second, (await Store.GetAsync("model-a", ["k1"], CancellationToken.None))["k1"]);
    }

    [Fact]
    public async Task More_embeddings_than_one_query_batch_all_come_back()
    {
        var items = Enumerable.Range(0, 1200)
            .Select(i => ($"unit-{i:D4}", Enumerable.Range(0, 16).Select(d => i + (d / 16f)).ToArray()))
            .ToList();
        await Store.PutAsync("model-a", items, CancellationToken.None);

        var found = await Store.GetAsync("model-a", [.. items.Select(i => i.Item1), "unit-9999", "unit-x"], CancellationToken.None);

        Assert.Equal(items.Count, found.Count);
        Assert.All(items, item => Assert.Equal(item.Item2, found[item.Item1]));
    }

    [Fact]
    public async Task Chinese_and_English_text_and_a_100_KB_payload_come_back_unchanged()
    {
        var line = "jraft 新 leader 怎么知道每个 follower 的 match index？ How does a new leader learn each follower's match index? 🛋️\n";
        var big = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(big.ToString()) < 100 * 1024)
        {
            big.Append(line);
        }

        var chinese = new ReceivedMessage(new MessageKey("dingtalk", "cid6KeBBLoveMJOGXoYKF5x7EeiodoA==", "消息-1"), $$"""{"text":"{{line}}"}""", T0);
        var large = Message("large", T0.AddSeconds(1), big.ToString());
        await Store.TryReceiveAsync(chinese, CancellationToken.None);
        await Store.TryReceiveAsync(large, CancellationToken.None);

        Assert.Equal([chinese, large], await Store.ClaimUnfinishedAsync(T0.AddHours(1), T0.AddHours(1), 10, CancellationToken.None));

        await Store.FinishAsync(chinese.Key, MessageOutcome.Skipped, "闲聊，不回复 (small talk)", T0.AddSeconds(2), CancellationToken.None);
        await Store.SetCursorAsync("钉钉:游标", 3, CancellationToken.None);
        Assert.Equal("闲聊，不回复 (small talk)", (await Store.GetStateAsync(chinese.Key, CancellationToken.None))?.Detail);
        Assert.Equal(3, await Store.GetCursorAsync("钉钉:游标", CancellationToken.None));
    }

    [Fact]
    public async Task Times_come_back_as_the_same_instants_to_the_microsecond_in_both_stores()
    {
        // 0.7 µs past T0: PostgreSQL keeps microseconds and drops the rest; SQLite must answer the same
        var message = Message("1", T0.AddTicks(7));
        await Store.TryReceiveAsync(message, CancellationToken.None);
        await Store.FinishAsync(message.Key, MessageOutcome.Replied, "sent", T0.AddTicks(19), CancellationToken.None);

        var state = await Store.GetStateAsync(message.Key, CancellationToken.None);

        Assert.Equal(T0, state?.ReceivedAt);
        Assert.Equal(T0.AddTicks(10), state?.FinishedAt);
        Assert.Equal(TimeSpan.Zero, state?.ReceivedAt.Offset);
    }
}
