using SofaBot.Retrieval.Text;

namespace SofaBot.Tests.Retrieval;

/// <summary>What people put around a question in a group is taken out before the question is read; what is
/// content stays.</summary>
public sealed class ChatRegisterTests
{
    [Theory]
    [InlineData("大佬们求助，seata 的 AT 模式怎么回滚？在线等，谢谢🙏", "seata 的 AT 模式怎么回滚")]
    [InlineData("@所有人 jraft 的快照怎么做", "jraft 的快照怎么做")]
    [InlineData("@张三 mosn 支持 http2 吗", "mosn 支持 http2 吗")]
    [InlineData("hi guys, how does sofarpc do load balancing? thx.", "how does sofarpc do load balancing")]
    [InlineData("各位大佬好，新人报到，问个可能很蠢的问题 layotto 怎么启动 哈哈哈", "layotto 怎么启动")]
    public void Greetings_pleas_thanks_and_mentions_are_not_content(string message, string question)
    {
        var stripped = ChatRegister.Strip(message);

        Assert.Contains(question, stripped, StringComparison.Ordinal);
        foreach (var filler in new[] { "大佬", "求助", "在线等", "谢谢", "@所有人", "@张三", "thx", "guys", "新人", "哈哈" })
        {
            Assert.DoesNotContain(filler, stripped, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("@GlobalTransactional 注解加在哪一层")]
    [InlineData("@SofaService 和 @SofaReference 能一起用吗")]
    public void Java_annotations_stay_they_are_what_the_question_is_about(string message)
    {
        Assert.Equal(message, ChatRegister.Strip(message));
    }

    [Theory]
    [InlineData("this thread has three replies")] // "th" inside words is not "thx"
    [InlineData("hello-world 示例跑不起来")] // a sample's name with the word in it is not a greeting
    [InlineData("sofa.hi 配置项是干嘛的")]
    public void Words_that_only_contain_a_filler_are_kept(string message)
    {
        Assert.Contains(message.Split(' ')[0], ChatRegister.Strip(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("谢谢大佬")]
    [InlineData("thanks!")]
    public void A_message_that_is_only_register_is_left_whole_for_the_gate_to_judge(string message)
    {
        Assert.Equal(message, ChatRegister.Strip(message));
    }
}
