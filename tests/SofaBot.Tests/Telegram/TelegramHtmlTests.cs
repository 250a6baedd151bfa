using SofaBot.Channels.Telegram;

namespace SofaBot.Tests.Telegram;

/// <summary>Answers' Markdown in Telegram's HTML parse mode: only Telegram's tags, everything else escaped, no
/// accidental mentions.</summary>
public sealed class TelegramHtmlTests
{
    [Fact]
    public void Text_that_looks_like_markup_is_escaped()
    {
        var html = TelegramHtml.FromMarkdown("用 List<String> & Map<K,V> 存，\"引号\" 也行");

        Assert.Equal("用 List&lt;String&gt; &amp; Map&lt;K,V&gt; 存，&quot;引号&quot; 也行", html);
    }

    [Fact]
    public void Links_code_and_emphasis_become_telegram_tags()
    {
        var html = TelegramHtml.FromMarkdown("见 [文档](https://www.sofastack.tech/projects/sofa-jraft/) 和 `RaftOptions`，**注意**版本");

        Assert.Equal("见 <a href=\"https://www.sofastack.tech/projects/sofa-jraft/\">文档</a> 和 <code>RaftOptions</code>，<b>注意</b>版本", html);
    }

    [Fact]
    public void A_link_that_is_not_http_keeps_only_its_label()
    {
        Assert.Equal("点这里", TelegramHtml.FromMarkdown("[点这里](javascript:alert(1))"));
    }

    [Fact]
    public void A_handle_in_an_answer_is_code_so_it_notifies_nobody()
    {
        Assert.Equal("加上 <code>@GlobalTransactional</code> 注解，问 <code>@alice</code>，邮件 a@b.com",
            TelegramHtml.FromMarkdown("加上 @GlobalTransactional 注解，问 @alice，邮件 a@b.com"));
    }

    [Fact]
    public void Lists_and_code_blocks_keep_their_shape()
    {
        var html = TelegramHtml.FromMarkdown("步骤：\n\n1. 停机\n2. 升级\n\n```\nkill -9 <pid>\n```");

        Assert.Equal("步骤：\n\n1. 停机\n2. 升级\n\n<pre>kill -9 &lt;pid&gt;</pre>", html);
    }

    [Fact]
    public void Visible_length_counts_what_the_reader_sees()
    {
        Assert.Equal(7, TelegramHtml.VisibleLength("<b>a&amp;b</b> <a href=\"https://x.y\">cde</a>"));
    }
}
