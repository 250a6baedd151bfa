using SofaBot.Review;
using SofaBot.Storage;

namespace SofaBot.Tests.Storage;

/// <summary>Issue 13 (12): the same question asked while its item is pending joins that item, here or in another chat,
/// counted once per message; the queue lists what most people wait for first; each asker is posted to once.</summary>
public abstract partial class ReviewStoreContract
{
    [Fact]
    public async Task The_same_question_from_three_chats_joins_one_pending_item_asked_three_times_in_three_chats()
    {
        var other = await Store.OpenAsync(Asked("-100200", "1", "SOFARPC 支持 gRPC 吗？", T0), CancellationToken.None);
        // the same letters and digits once width, case, spacing, punctuation and emoji are set aside
        var first = await Store.OpenAsync(Asked("-100301", "11", "Seata 怎么用？🙏", T0.AddMinutes(1)), CancellationToken.None);
        var second = await Open().OpenAsync(Asked("-100302", "22", "seata怎么用", T0.AddMinutes(2)), CancellationToken.None);
        var third = await Store.OpenAsync(Asked("-100303", "33", "ＳＥＡＴＡ 怎么用!!", T0.AddMinutes(3)), CancellationToken.None);

        Assert.Equal([first.Id, first.Id], new[] { second.Id, third.Id });
        Assert.NotEqual(first.Id, other.Id);
        var joined = await Store.GetAsync(first.Id, CancellationToken.None);
        Assert.NotNull(joined);
        Assert.Equal((3, 3, ReviewStatus.Pending), (joined.AskedCount, joined.ChatCount, joined.Status));
        Assert.Equal(["-100301/11", "-100302/22", "-100303/33"], joined.Askers.Select(a => $"{a.Message.Key.ChatId}/{a.Message.Key.MessageId}"));
        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(3)], joined.Askers.Select(a => a.AskedAt));
        Assert.Equal("Seata 怎么用？🙏", joined.Message.Text);
        Assert.Equal(T0.AddMinutes(3), joined.LastAskedAt);
        Assert.Equal(3, third.AskedCount);

        // most asked first, though opened after the other
        Assert.Equal([first.Id, other.Id], (await Store.ListAsync(ReviewStatus.Pending, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(2, (await Store.ListAsync(null, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_joined_message_handled_again_after_a_crash_counts_once()
    {
        var first = await Store.OpenAsync(Asked("-100301", "11", "jraft 的 learner 有什么用", T0), CancellationToken.None);
        var joining = Asked("-100302", "22", "JRaft 的 learner 有什么用？", T0.AddMinutes(1));
        await Store.OpenAsync(joining, CancellationToken.None);

        // handled again, by another store instance, later, even with other text: the same asker
        var again = await (await ReopenAsync()).OpenAsync(joining with { CreatedAt = T0.AddMinutes(5) }, CancellationToken.None);
        var original = await Open().OpenAsync(Asked("-100301", "11", "something else entirely", T0.AddMinutes(6)), CancellationToken.None);

        Assert.Equal((first.Id, 2), (again.Id, again.AskedCount));
        Assert.Equal((first.Id, 2), (original.Id, original.AskedCount));
        Assert.Equal(2, again.Askers.Count);
        Assert.Equal(T0.AddMinutes(1), again.LastAskedAt);
    }

    [Fact]
    public async Task A_decided_item_is_joined_no_more_and_its_rejection_holds_in_every_chat_that_asked_it()
    {
        var first = await Store.OpenAsync(Asked("-100301", "11", "sofa 是沙发吗", T0), CancellationToken.None);
        await Store.OpenAsync(Asked("-100302", "22", "SOFA 是沙发吗？", T0.AddMinutes(1)), CancellationToken.None);
        await Store.DecideAsync(first.Id, new ReviewVerdict(ReviewStatus.Rejected, "alice", T0.AddMinutes(2), Note: "not a question"), CancellationToken.None);

        var later = await Store.OpenAsync(Asked("-100303", "33", "sofa 是沙发吗", T0.AddMinutes(3)), CancellationToken.None);

        Assert.NotEqual(first.Id, later.Id);
        Assert.Equal((1, ReviewStatus.Pending), (later.AskedCount, later.Status));
        // the joined chat knows the verdict too; a chat that never asked does not
        Assert.Equal([first.Id], (await Store.ListRejectedAsync("telegram", "-100302", T0, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal([first.Id], (await Store.ListRejectedAsync("telegram", "-100301", T0, CancellationToken.None)).Select(i => i.Id));
        Assert.Empty(await Store.ListRejectedAsync("telegram", "-100303", T0, CancellationToken.None));
    }

    [Fact]
    public async Task Feedback_joins_only_feedback_on_the_same_question_and_a_question_of_no_letters_joins_nothing()
    {
        var suggested = await Store.OpenAsync(Asked("-100301", "11", "layotto 怎么部署", T0), CancellationToken.None);
        var thumbsDown = await Store.OpenAsync(Asked("-100302", "22", "Layotto 怎么部署？", T0.AddMinutes(1), ReviewReason.Feedback), CancellationToken.None);
        var secondThumbsDown = await Store.OpenAsync(Asked("-100303", "33", "layotto怎么部署", T0.AddMinutes(2), ReviewReason.Feedback), CancellationToken.None);
        var noAnswer = await Store.OpenAsync(Asked("-100304", "44", "layotto 怎么部署", T0.AddMinutes(3), ReviewReason.NoAnswer), CancellationToken.None);
        var emoji = await Store.OpenAsync(Asked("-100301", "55", "🙏🙏？", T0.AddMinutes(4)), CancellationToken.None);
        var emojiAgain = await Store.OpenAsync(Asked("-100302", "66", "🙏🙏？", T0.AddMinutes(5)), CancellationToken.None);

        Assert.Equal(thumbsDown.Id, secondThumbsDown.Id);
        Assert.Equal(2, secondThumbsDown.AskedCount);
        Assert.Equal(5, new[] { suggested.Id, thumbsDown.Id, noAnswer.Id, emoji.Id, emojiAgain.Id }.Distinct().Count());
        Assert.All(new[] { suggested, noAnswer, emoji, emojiAgain }, i => Assert.Equal(1, i.AskedCount));
    }

    [Fact]
    public async Task Eight_simultaneous_openings_of_one_question_in_eight_chats_open_one_item_asked_eight_times()
    {
        // replicas (or parallel handlers) opening the same question at once: one opens it, the others join
        var stores = Enumerable.Range(0, 8).Select(i => i == 0 ? Store : Open()).ToList();
        for (var round = 0; round < 3; round++)
        {
            var text = $"round {round}: sofaboot 怎么升级";
            var opened = await AllAtOnceAsync(stores.Count, i => stores[i].OpenAsync(Asked($"-1004{i}", $"{round}", text, T0.AddSeconds(round)), CancellationToken.None));

            var id = Assert.Single(opened.Select(o => o.Id).Distinct());
            var item = await Store.GetAsync(id, CancellationToken.None);
            Assert.Equal((8, 8, 8), (item?.AskedCount, item?.Askers.Count, item?.ChatCount));
        }

        Assert.Equal(3, (await Store.ListAsync(ReviewStatus.Pending, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_flood_of_two_thousand_messages_of_twenty_questions_in_fifty_chats_leaves_twenty_items()
    {
        // the soak of issue 13 (12) in small: every message is an uncertain mention; 100 askers per question
        for (var n = 0; n < 2000; n++)
        {
            var question = n % 20;
            var chat = n % 50;
            await Store.OpenAsync(Asked($"-1005{chat:00}", $"m{n}", $"Question {question}: how do I configure sofa-registry?", T0.AddSeconds(n)), CancellationToken.None);
        }

        var pending = await Store.ListAsync(ReviewStatus.Pending, 100, CancellationToken.None);
        Assert.Equal(20, pending.Count);
        // question q is asked by messages q, q + 20, q + 40, …, in chats q, q + 10, …, q + 40 (mod 50): five chats
        Assert.All(pending, i => Assert.Equal((100, 5), (i.AskedCount, i.ChatCount)));
        Assert.All(pending, i => Assert.True(i.Askers.Count <= ReviewItem.ListedAskers));
        var askers = new List<MessageKey>();
        foreach (var item in pending)
        {
            askers.AddRange((await Store.GetAsync(item.Id, CancellationToken.None))!.Askers.Select(a => a.Message.Key));
        }

        Assert.Equal(2000, askers.Distinct().Count());
    }

    [Fact]
    public async Task A_listed_item_comes_with_its_first_askers_and_exact_counts_and_one_read_by_id_with_all()
    {
        var total = ReviewItem.ListedAskers + 5;
        for (var n = 0; n < total; n++)
        {
            await Store.OpenAsync(Asked($"-1006{n % 7}", $"m{n}", "sofa-tracer 怎么接 zipkin", T0.AddSeconds(n)), CancellationToken.None);
        }

        var listed = Assert.Single(await Store.ListAsync(ReviewStatus.Pending, 10, CancellationToken.None));
        var read = await Store.GetAsync(listed.Id, CancellationToken.None);

        Assert.Equal((total, 7, ReviewItem.ListedAskers), (listed.AskedCount, listed.ChatCount, listed.Askers.Count));
        Assert.Equal(Enumerable.Range(0, ReviewItem.ListedAskers).Select(n => $"m{n}"), listed.Askers.Select(a => a.Message.Key.MessageId));
        Assert.Equal((total, 7, total), (read?.AskedCount, read?.ChatCount, read?.Askers.Count));
    }

    [Fact]
    public async Task An_item_expires_only_once_nobody_asked_it_for_the_cutoff()
    {
        var item = await Store.OpenAsync(Asked("-100301", "11", "sofa-mosn 还维护吗", T0), CancellationToken.None);
        await Store.OpenAsync(Asked("-100302", "22", "sofa mosn 还维护吗", T0.AddHours(10)), CancellationToken.None);

        Assert.Empty(await Store.ExpireAsync(T0.AddHours(5), T0.AddHours(53), CancellationToken.None));
        var expired = Assert.Single(await Store.ExpireAsync(T0.AddHours(11), T0.AddHours(59), CancellationToken.None));
        Assert.Equal((item.Id, ReviewStatus.Expired, 2), (expired.Id, expired.Status, expired.Askers.Count));
    }

    [Fact]
    public async Task Each_asker_of_a_decided_item_is_claimed_for_posting_by_one_holder_and_marked_once_posted()
    {
        var item = await Store.OpenAsync(Asked("-100301", "11", "sofa-ark 是什么", T0), CancellationToken.None);
        await Store.OpenAsync(Asked("-100302", "22", "SOFAArk 是什么", T0.AddMinutes(1)), CancellationToken.None);
        var (_, decided) = await Store.DecideAsync(item.Id, new ReviewVerdict(ReviewStatus.Approved, "alice", T0.AddMinutes(2), Chosen: 1), CancellationToken.None);
        var (first, second) = (decided!.Askers[0], decided.Askers[1]);
        var other = Open();

        Assert.True(await Store.TryClaimAskerPostAsync(first.Id, "a", T0.AddMinutes(3), T0.AddMinutes(1), CancellationToken.None));
        Assert.False(await other.TryClaimAskerPostAsync(first.Id, "b", T0.AddMinutes(3), T0.AddMinutes(1), CancellationToken.None));
        Assert.True(await other.TryClaimAskerPostAsync(second.Id, "b", T0.AddMinutes(3), T0.AddMinutes(1), CancellationToken.None));
        await Store.MarkAskerPostedAsync(first.Id, T0.AddMinutes(4), null, CancellationToken.None);
        await other.MarkAskerPostedAsync(second.Id, T0.AddMinutes(4), "Forbidden: bot was kicked from the group chat", CancellationToken.None);

        // posted: never claimed again, not even once the claim is stale
        Assert.False(await other.TryClaimAskerPostAsync(first.Id, "b", T0.AddMinutes(30), T0.AddMinutes(20), CancellationToken.None));
        var posted = (await Store.GetAsync(item.Id, CancellationToken.None))!.Askers;
        Assert.Equal(
            [(T0.AddMinutes(4), (string?)null), (T0.AddMinutes(4), "Forbidden: bot was kicked from the group chat")],
            posted.Select(a => (a.PostedAt!.Value, a.PostError)));
    }

    private static ReviewItem Asked(string chatId, string messageId, string text, DateTimeOffset at, ReviewReason reason = ReviewReason.Suggest)
    {
        var item = Item(messageId, at, reason, text);
        return item with { Message = item.Message with { Key = new MessageKey("telegram", chatId, messageId) } };
    }
}
