using System.Text.RegularExpressions;
using SofaBot.Retrieval.Text;

namespace SofaBot.Answering;

/// <summary>Recognizes messages that are not questions for the knowledge base: empty ones, emoji and
/// punctuation, greetings, thanks and acknowledgements, and announcements.</summary>
/// <remarks>A group chat is mostly this. What is left after removing social phrases, emoji, punctuation and
/// filler must still say something, or the message is small talk, whatever retrieval would find for it.</remarks>
public static partial class MessageGate
{
    /// <summary>Why the message is not a question, or null when it may be one.</summary>
    public static string? NotAQuestion(string message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "empty message";
        }

        var folded = Tokenizer.Fold(message);
        if (!folded.Any(c => char.IsLetter(c)))
        {
            return "no words (emoji, numbers or punctuation only)";
        }

        if (Url().Replace(folded, "").All(c => !char.IsLetter(c)))
        {
            return "only a link";
        }

        if (Announcement().IsMatch(folded))
        {
            return "an announcement";
        }

        var rest = Filler().Replace(SocialPhrase().Replace(folded, " "), " ");
        var content = rest.Count(c => char.IsLetterOrDigit(c));
        if (content <= 3)
        {
            return "small talk (greeting, thanks, acknowledgement)";
        }

        // "感谢大佬，按你说的改完好了 👍", "thanks, that fixed it": a reply that thanks and asks nothing. Only thanks and
        // acknowledgements count here, not greetings: "各位大佬，seata 启动报 NoSuchMethodError" is a question without
        // a question mark.
        return Thanks().IsMatch(folded) && !QuestionShape.IsQuestion(folded) ? "thanks or an acknowledgement that asks nothing" : null;
    }

    /// <summary>Thanks and acknowledgements: social phrases, and what makes a reply that asks nothing small talk.</summary>
    private const string ThanksWords = "谢谢|感谢|多谢|收到|好的|好滴|明白了|懂了|问题解决了|解决了";

    [GeneratedRegex(ThanksWords + @"|搞定了|\b(thanks?|thx|got it|works now|solved)\b")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"https?://\S+|www\.\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"【\s*(通知|公告|活动|预告|招聘|报名)\s*】|扫码|报名(啦|了|中|开启|开放)|欢迎(报名|参加|参与)|直播预告|meetup\s*.{0,12}报名|报名.{0,12}meetup")]
    private static partial Regex Announcement();

    [GeneratedRegex(ThanksWords + @"|辛苦(了|啦)?|了解了?|早上好|早安|晚安|晚上好|中午好|下午好|大家好|你好|您好|在吗|有人在吗|有人吗|哈哈+|h{3,}|笑死|同问|同求|\+\s*1|周末愉快|节日快乐|新年快乐|提前祝|祝大家|恭喜|厉害|牛逼?|赞|大佬们?|各位|thanks?( you)?|thx|hello|hi|hey|ok(ay)?|got it")]
    private static partial Regex SocialPhrase();

    [GeneratedRegex(@"[\p{P}\p{S}\s]+|[了的呀啊吧哦呢嘛啦们吗么]|周[一二三四五六日天末]")]
    private static partial Regex Filler();
}
