using System.Text.RegularExpressions;

namespace SofaBot.Answering;

/// <summary>Whether a message reads like a question. Proactive answers need it, so a confident match to a statement
/// ("我们用 Seata 的 AT 模式") does not draw an answer nobody asked for; and a thanks that asks nothing ("感谢大佬，按你说的
/// 改完好了") is small talk, however long it is.</summary>
public static partial class QuestionShape
{
    public static bool IsQuestion(string text) => Pattern().IsMatch(text);

    [GeneratedRegex(@"[?？]|吗|么|呢|怎么|怎样|如何|为什么|为啥|是否|能否|能不能|可不可以|可以不|有没有|哪些?|什么|咋|求助|请教|\b(how|what|why|when|where|which|can|could|does|do|is|are|should)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
