using System.Globalization;
using System.Text;

namespace SofaBot.Review;

/// <summary>Whether a message asks what an earlier one asked, for a maintainer's verdict to hold: the same letters
/// and digits once width, case, spacing, punctuation and emoji are set aside ("Seata 怎么用？🙏" asks what "seata怎么用"
/// asked). Deliberately strict: a verdict is about one question, not about its neighbours.</summary>
internal static class SameQuestion
{
    public static string Key(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
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
