using System.Globalization;
using System.Text;

namespace SofaBot.Review.Web;

/// <summary>The review page's list of who asked an item's question, when more than the original message did: where
/// and when each asked, and once decided whether the answer reached them.</summary>
internal static class ReviewAskersHtml
{
    public static void Append(StringBuilder html, ReviewItem item, Func<string, string> encode)
    {
        if (item.Askers.Count < 2)
        {
            return;
        }

        html.Append("<details class=\"askers\"><summary>Who asked (").Append(item.Askers.Count.ToString(CultureInfo.InvariantCulture))
            .Append(")</summary><ul>");
        foreach (var asker in item.Askers)
        {
            var message = asker.Message;
            html.Append("<li class=\"asker\">").Append(encode(message.SenderName ?? message.SenderId)).Append(" in ")
                .Append(encode(ReviewLabels.Chat(message))).Append(" · ")
                .Append(asker.AskedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            if (asker.PostedAt is not null)
            {
                html.Append(" · ").Append(encode(asker.PostError is { } error ? $"not posted: {error}" : "answer posted"));
            }

            html.Append("</li>");
        }

        html.Append("</ul></details>");
    }
}
