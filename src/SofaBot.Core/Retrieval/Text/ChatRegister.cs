using System.Text.RegularExpressions;

namespace SofaBot.Retrieval.Text;

/// <summary>What people put around a question in a group chat that is not its content: greetings, pleas and thanks
/// ("大佬们求助", "在线等，挺急的", "谢谢🙏", "thx"), mentions ("@所有人") and laughter. Taken out of a message before
/// it is analysed: left in, each is a concept no earlier question covers, or a word the weeklies never use, and
/// either costs a right answer its confidence.</summary>
/// <remarks>Only whole phrases of this register go: "请问", "一下" and the like are left to the weights (they are
/// common in the weeklies' own questions, so they count for little). <see cref="Answering.MessageGate"/> decides
/// separately whether anything is left to answer.</remarks>
public static partial class ChatRegister
{
    /// <summary>The message without its chat register; the message itself when nothing would be left.</summary>
    public static string Strip(string message)
    {
        var stripped = Spaces().Replace(Filler().Replace(Mention().Replace(message, " "), " "), " ").Trim();
        return stripped.Any(char.IsLetterOrDigit) ? stripped : message;
    }

    // @所有人, @张三, @all: a mention of a person or of everyone is an address, never content. A Latin word after an @
    // stays: in these groups it is far more often a Java annotation (@GlobalTransactional, @SofaService) than a
    // username, and the bot's own mention is taken out by the channel that received the message.
    [GeneratedRegex(@"@(所有人|all|everyone|here)(?![A-Za-z0-9_])|@[\p{IsCJKUnifiedIdeographs}][^\s@]*", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex(
        @"(各位|大家|诸位)?(大佬|大神|老师)们?(好|们好)?|(各位|大家)?(朋友|兄弟|同学|伙伴)们好|各位好?|大家好|你好|您好|" +
        @"早上好|早安|中午好|下午好|晚上好|打扰(了|一下|下)?|冒昧(问一下|问下)?|求助(求助)?|求救|在线等|挺急的?|比较急|很急|急急急|急求|" +
        @"新人(报到|报道|求教)|小白(提问|求教)|问个(可能)?(很|比较)?(蠢|傻|白痴|小白|弱智)的?问题|" +
        @"(先)?(谢谢|感谢|多谢)(大家|各位|大佬们?)?(了|啦|啊)?|辛苦(了|啦)|麻烦(大家|各位)了?|哈哈+|呵呵+|嘿嘿+|" +
        @"(?<![a-z0-9_-]|[a-z0-9]\.)(h{2,}|thanks?( (a lot|in advance|you( all)?))?|thx|tks|ty|pls|please|hi|hello|hey|guys|folks|sorry|lol)(?![a-z0-9_-]|\.[a-z0-9])",
        RegexOptions.IgnoreCase)]
    private static partial Regex Filler();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
