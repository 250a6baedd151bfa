namespace SofaBot.Tests.Fixtures;

/// <summary>Four questions over the bundled corpus in the eval format: three with their pair, one off-topic.</summary>
public static class SampleQuestionSet
{
    public static string Write(TempDirectory folder) => folder.Write("set.jsonl", """
        {"query": "jraft 新 leader 怎么知道每个 follower 的 match index", "expect": {"file": "sofa-weekly-20211112.txt", "asker": "滕川", "question_contains": "match index"}}
        {"query": "tengine 现在能用 babassl 吗", "expect": {"file": "sofa-weekly-20220318.md", "asker": "会飞的小胖子", "question_contains": "BabaSSL"}}
        {"query": "Why does Raft have no observer role like ZooKeeper?", "expect": {"file": "sofa-weekly-20211112.txt", "asker": "橙橙不是澄澄", "question_contains": "observer"}}
        {"query": "redis 集群怎么搭建", "expect": null}
        """);
}
