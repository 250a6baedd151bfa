using SofaBot.Evaluation;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Evaluation;

public sealed class EvalFileTests
{
    [Fact]
    public void Items_with_and_without_an_expected_pair_are_read()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("set.jsonl", """
            {"query": "jraft 选举", "expect": {"file": "sofa-weekly-20211112.txt", "asker": "滕川", "question_contains": "match index"}, "difficulty": "easy"}

            {"query": "谢谢", "expect": null, "kind": "chit-chat"}
            """);

        var items = EvalItem.ReadFile(file);

        Assert.Equal(2, items.Count);
        Assert.Equal("match index", items[0].Expect!.QuestionContains);
        Assert.Null(items[1].Expect);
    }

    [Theory]
    [InlineData("{\"query\": \"a\"}\n{\"query\": ", 2)]
    [InlineData("{\"query\": \"a\"}\n{\"expect\": null}", 2)]
    [InlineData("not json", 1)]
    [InlineData("{\"query\": \"a\"}\n{\"query\": \"那 3 个呢\", \"expect\": null, \"follow_up_of\": \" \"}", 2)]
    public void A_bad_line_is_an_error_naming_the_file_and_line(string text, int line)
    {
        using var folder = new TempDirectory();
        var file = folder.Write("bad.jsonl", text);

        var error = Assert.Throws<FormatException>(() => EvalItem.ReadFile(file));

        Assert.StartsWith($"{file}:{line}:", error.Message, StringComparison.Ordinal);
    }
}
