using System.Globalization;
using System.Text;

namespace SofaBot.Review.Web;

/// <summary>A pending item's draft on the review page: who wrote it and what it draws on, the text as it would be
/// sent, "Send draft", and "Edit draft" (the edit form, prefilled).</summary>
internal static class ReviewDraftHtml
{
    /// <param name="html">The page being written.</param>
    /// <param name="draft">The item's draft.</param>
    /// <param name="sendForm">The form that sends it as it is.</param>
    /// <param name="editForm">The form that sends it edited, its textarea holding the draft.</param>
    /// <param name="encode">The page's HTML encoder.</param>
    public static void Append(StringBuilder html, ReviewDraft draft, string sendForm, string editForm, Func<string, string> encode)
    {
        html.Append("<section class=\"draft\"><div class=\"meta\">Draft by ").Append(encode(draft.Model))
            .Append(" · draws on #").Append(draft.Candidate.ToString(CultureInfo.InvariantCulture))
            .Append(" · <time datetime=\"").Append(draft.CreatedAt.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
            .Append(draft.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time>")
            .Append(" · written by a model: check it before sending</div>")
            .Append("<pre class=\"answer draft-text\">").Append(encode(draft.Text)).Append("</pre>")
            .Append("<div class=\"actions\">").Append(sendForm).Append("</div>")
            .Append("<details><summary>Edit draft</summary>").Append(editForm).Append("</details></section>");
    }
}
