using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SofaBot.Review.Web;

/// <summary>The review page's HTML, rendered on the server: readable on a phone, no script. Everything that came from
/// a chat or a maintainer is encoded; answers are shown as the Markdown text they are.</summary>
internal static class ReviewPage
{
    // Chinese stays readable in the source; only what HTML needs is escaped
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body { font: 16px/1.45 system-ui, sans-serif; margin: 0; background: #f3f5f7; color: #1d2329; }
        header, main { max-width: 52rem; margin: 0 auto; padding: .75rem; }
        header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; }
        h1 { font-size: 1.2rem; margin: 0; flex: 1; }
        .item { background: #fff; border-radius: 8px; padding: .75rem; margin: 0 0 1rem; box-shadow: 0 1px 2px #0002; }
        .meta { color: #59636e; font-size: .85rem; }
        .question { margin: .5rem 0; padding: .5rem .75rem; border-left: 4px solid #2a7ab0; background: #eef5fb; white-space: pre-wrap; overflow-wrap: anywhere; }
        .candidates { padding-left: 1.25rem; }
        .candidates li { margin: .75rem 0; }
        .answer { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; background: #f7f7f7; padding: .5rem; margin: .25rem 0; max-height: 16rem; overflow: auto; }
        form { display: inline; }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem; }
        button { font: inherit; padding: .45rem .8rem; border-radius: 6px; border: 1px solid #2a7ab0; background: #2a7ab0; color: #fff; }
        button.secondary { background: #fff; color: #2a7ab0; }
        textarea { width: 100%; min-height: 8rem; font: inherit; box-sizing: border-box; }
        .notice { background: #fff7d6; padding: .5rem .75rem; border-radius: 6px; }
        .why { color: #59636e; font-size: .9rem; margin: .25rem 0; }
        .error { background: #fde2e1; }
        .outcome { font-weight: 600; }
        .draft { border-left: 4px solid #8a6d00; padding-left: .75rem; margin: .75rem 0; }
        input[type=password] { font: inherit; padding: .45rem; width: 100%; box-sizing: border-box; }
        """;

    public static string SignIn(string? error) => Document("SofaBot · review", $"""
        <header><h1>SofaBot · review</h1></header>
        <main>
        {(error is null ? "" : $"<p class=\"notice error\" role=\"alert\">{E(error)}</p>")}
        <form class="item" method="post" action="/review/sign-in" style="display:block">
        <p>Suggested replies wait here for a maintainer. Sign in with your maintainer token (<code>Review:MaintainerToken</code>).</p>
        <label for="token">Maintainer token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required>
        <p><button type="submit">Sign in</button></p>
        </form>
        </main>
        """);

    /// <param name="items">The items to show, in the store's order (pending: most asked first).</param>
    /// <param name="corpus">Which candidates are still in the corpus as the items show them.</param>
    /// <param name="maintainer">Who is signed in.</param>
    /// <param name="showing">"pending" or "all".</param>
    /// <param name="notice">The outcome of the last action, if any.</param>
    /// <param name="antiforgery">The form field name and token every form posts back.</param>
    public static string Queue(IReadOnlyList<ReviewItem> items, CorpusCheck corpus, string maintainer, string showing, string? notice, (string Field, string Token) antiforgery)
    {
        var html = new StringBuilder();
        var pending = showing == "pending";
        html.Append("<header><h1>SofaBot · review</h1>")
            .Append(pending ? "<b>Pending</b> · <a href=\"/review?status=all\">All</a>" : "<a href=\"/review\">Pending</a> · <b>All</b>")
            .Append(" · <a href=\"/\">Local chat</a> · <span class=\"meta\">").Append(E(maintainer)).Append("</span>")
            .Append(Form("/review/sign-out", antiforgery, "<button class=\"secondary\" type=\"submit\">Sign out</button>"))
            .Append("</header><main>");
        if (notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(E(notice)).Append("</p>");
        }

        if (items.Count == 0)
        {
            html.Append("<p id=\"empty\">").Append(pending ? "Nothing waiting for review." : "No review items yet.").Append("</p>");
        }

        foreach (var item in items)
        {
            Item(html, item, corpus, antiforgery);
        }

        html.Append("</main>");
        return Document("SofaBot · review", html.ToString());
    }

    private static void Item(StringBuilder html, ReviewItem item, CorpusCheck corpus, (string Field, string Token) antiforgery)
    {
        var id = item.Id.ToString(CultureInfo.InvariantCulture);
        var message = item.Message;
        html.Append("<article class=\"item\" id=\"item-").Append(id).Append("\" data-status=\"").Append(item.Status.ToString().ToLowerInvariant()).Append("\">");
        html.Append("<div class=\"meta\">#").Append(id).Append(" · ").Append(E(ReviewLabels.Kind(item.Reason))).Append(" · ")
            .Append(E(message.SenderName ?? message.SenderId)).Append(" in ").Append(E(ReviewLabels.Chat(message)))
            .Append(" · <time datetime=\"").Append(message.SentAt.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
            .Append(message.SentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time>");
        if (ReviewLabels.Asked(item) is { } asked)
        {
            html.Append(" · <b class=\"asked\" data-count=\"").Append(item.AskedCount.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(E(asked)).Append("</b>");
        }

        html.Append("</div>");
        html.Append("<div class=\"question\">").Append(E(message.Text)).Append("</div>");
        ReviewAskersHtml.Append(html, item, E);
        if (item.DecisionReason is { } reason)
        {
            html.Append("<p class=\"why\">Why it was not answered: ").Append(E(reason)).Append("</p>");
        }

        if (item.IsDecided)
        {
            html.Append("<p class=\"outcome\">").Append(E(Outcome(item))).Append("</p>");
            if (item.Answer is { } sent)
            {
                html.Append("<pre class=\"answer sent\">").Append(E(sent)).Append("</pre>");
            }
        }

        var action = "/review/items/" + id;
        if (item.Candidates.Count > 0)
        {
            html.Append("<ol class=\"candidates\">");
            foreach (var (candidate, i) in item.Candidates.Select((c, i) => (c, i + 1)))
            {
                var k = i.ToString(CultureInfo.InvariantCulture);
                var changed = corpus.Changed(candidate);
                html.Append("<li class=\"candidate\"><div><b>").Append(E(candidate.Question)).Append("</b></div>")
                    .Append("<div class=\"meta\">").Append(Link(candidate.Link, candidate.Project)).Append(" · score ")
                    .Append(candidate.Score.ToString("0.00", CultureInfo.InvariantCulture)).Append(" · ").Append(Link(candidate.SourceUrl, candidate.Source)).Append("</div>")
                    .Append("<pre class=\"answer\">").Append(E(candidate.Answer)).Append("</pre>");
                if (changed is not null)
                {
                    html.Append("<p class=\"notice gone\">Not in the corpus any more: ").Append(E(changed)).Append(". It can only be sent edited, as a new answer.</p>");
                }

                if (!item.IsDecided)
                {
                    html.Append("<div class=\"actions\">")
                        .Append(changed is null ? Form(action + "/send", antiforgery, $"<input type=\"hidden\" name=\"candidate\" value=\"{k}\"><button type=\"submit\">Send #{k}</button>") : "")
                        .Append("</div><details><summary>Edit #").Append(k).Append(" then send</summary>")
                        .Append(Form(action + "/edit", antiforgery, $"<input type=\"hidden\" name=\"candidate\" value=\"{k}\"><textarea name=\"text\" aria-label=\"Edited answer #{k}\">{E(candidate.Answer)}</textarea><button type=\"submit\">Send edited #{k}</button>"))
                        .Append("</details>");
                }

                html.Append("</li>");
            }

            html.Append("</ol>");
        }

        if (!item.IsDecided && item.Draft is { } draft)
        {
            ReviewDraftHtml.Append(html, draft, Form(action + "/send-draft", antiforgery, "<button type=\"submit\">Send draft</button>"), Form(action + "/edit", antiforgery, $"<textarea name=\"text\" aria-label=\"Edited draft\">{E(draft.Text)}</textarea><button type=\"submit\">Send edited draft</button>"), E);
        }

        if (!item.IsDecided)
        {
            html.Append("<details><summary>Write a new answer</summary>")
                .Append(Form(action + "/edit", antiforgery, "<textarea name=\"text\" aria-label=\"New answer\"></textarea><button type=\"submit\">Send new answer</button>"))
                .Append("</details><div class=\"actions\">")
                .Append(Form(action + "/reject", antiforgery, "<button class=\"secondary\" type=\"submit\">Reject</button>"))
                .Append(Form(action + "/reject", antiforgery, "<input type=\"hidden\" name=\"notAQuestion\" value=\"true\"><button class=\"secondary\" type=\"submit\">Not a question</button>"))
                .Append("</div>");
        }

        html.Append("</article>");
    }

    /// <summary>What became of a decided item, in one line.</summary>
    public static string Outcome(ReviewItem item)
    {
        var what = item.Status switch
        {
            ReviewStatus.Approved => $"Sent #{item.Chosen} — {ReviewQueue.Describe(item)}",
            ReviewStatus.Edited => $"Sent an edited answer — {ReviewQueue.Describe(item)}",
            _ => ReviewQueue.Describe(item),
        };
        return item.PostError is { } error ? $"{what}; posting failed: {error}" : what;
    }

    private static string Form(string action, (string Field, string Token) antiforgery, string inner) =>
        $"<form method=\"post\" action=\"{E(action)}\"><input type=\"hidden\" name=\"{E(antiforgery.Field)}\" value=\"{E(antiforgery.Token)}\">{inner}</form>";

    private static string Link(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"<a href=\"{E(url)}\" rel=\"noopener noreferrer\" target=\"_blank\">{E(label)}</a>"
            : E(label);

    private static string E(string text) => Html.Encode(text);

    private static string Document(string title, string body) => $"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <link rel="icon" href="/favicon.ico">
        <title>{E(title)}</title>
        <style>{Style}</style>
        </head>
        <body>
        {body}
        </body>
        </html>
        """;
}
