using System.Net;
using SofaBot.Learning;
using SofaBot.Tests.Fixtures;
using SofaBot.Tests.Review;

namespace SofaBot.Tests.Cli;

/// <summary><c>digest</c> as a maintainer runs it: a separate process on the bot's database, writing the week's
/// draft to a file or to standard output.</summary>
public sealed class DigestCommandTests
{
    private const string EditedQuestion = "Does Seata support MongoDB?";
    private const string EditedAnswer = "Not yet: the AT mode needs a relational database.";
    private const string NoAnswerQuestion = "How do I archive jraft logs?";

    [Theory]
    [InlineData("7x")]
    [InlineData("0d")]
    [InlineData("d")]
    [InlineData("-1d")]
    [InlineData("1.5d")]
    [InlineData("60w")]
    public async Task A_bad_period_is_refused_naming_the_option(string since)
    {
        var (exit, output, error) = await CliRunner.RunAsync("digest", "--since", since, "--out", "-");

        Assert.Equal(1, exit);
        Assert.Contains($"--since: \"{since}\"", error, StringComparison.Ordinal);
        Assert.DoesNotContain("每周读者问答提炼", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_is_written_to_a_file_the_corpus_reads_back_and_to_standard_output_anonymously()
    {
        using var work = new TempDirectory();
        // the bot's clock at the real time: the process digests the 7 days before its own now
        var time = new InstantTime();
        time.Set(DateTimeOffset.UtcNow.AddHours(-1));
        await using var bed = await ReviewBed.StartAsync(time: time);
        await bed.AskAsync(EditedQuestion, "alice");
        using (var approved = await bed.ApproveAsync((await bed.PendingItemAsync(EditedQuestion)).GetProperty("id").GetInt64(), new { text = EditedAnswer }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        await bed.AskAsync(NoAnswerQuestion, "carol");
        await bed.Bot.StopAsync();

        var environment = new Dictionary<string, string> { ["Storage__Sqlite__ConnectionString"] = $"Data Source={bed.State.Combine("sofabot.db")}" };
        var file = work.Combine("corpus/" + DigestWeeklyWriter.FileName(DigestWeeklyWriter.WeeklyDay(DateTimeOffset.UtcNow)));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var (exit, output, error) = await ProgramProcess.RunAsync(work.Path, environment, "digest", "--out", file);
        Assert.True(exit == 0, error);
        Assert.Contains($"Wrote 1 answered and 1 unanswered question to {file}", output, StringComparison.Ordinal);

        var pair = Assert.Single(TestCorpus.Load(work.Combine("corpus")).Pairs);
        Assert.Equal((EditedQuestion, EditedAnswer, "alice"), (pair.Question, pair.Answer, pair.Asker));
        Assert.Contains(NoAnswerQuestion, await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        var (stdoutExit, markdown, stdoutError) = await ProgramProcess.RunAsync(work.Path, environment, "digest", "--since", "24h", "--out", "-", "--anonymous");
        Assert.True(stdoutExit == 0, stdoutError);
        Assert.StartsWith("---\ntitle: \"SOFA Weekly | ", markdown, StringComparison.Ordinal);
        Assert.Contains("**@匿名** 提问：\n\n> " + EditedQuestion, markdown, StringComparison.Ordinal);
        Assert.Contains("**@匿名** 提问：\n\n> " + NoAnswerQuestion, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("carol", markdown, StringComparison.Ordinal);
    }
}
