using System.Text;
using SofaBot.Retrieval.Text;

namespace SofaBot.Review;

/// <summary>Whether a message asks what an earlier one asked, for a maintainer's verdict to hold: the same letters
/// and digits once width, case, spacing, punctuation and emoji are set aside ("Seata 怎么用？🙏" asks what "seata怎么用"
/// asked). Deliberately strict: a verdict is about one question, not about its neighbours.</summary>
internal static class SameQuestion
{
    public static string Key(string text)
    {
        // folded as messages are for retrieval: NFKC (half an emoji included) and lower case
        var folded = Tokenizer.Fold(text);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
