using BranchBot.Bot.Tab;

namespace BranchBot.Bot.Tests.Tab;

public sealed class HtmlTests
{
    [Fact]
    public void Of_UserTextInAHole_IsEncodedAndCannotLeaveItsAttribute()
    {
        var name = "\"><script>alert(1)</script>&";

        var markup = Html.Of($"<a title=\"{name}\">{name}</a>");

        Assert.Equal("<a title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;\">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;</a>", markup.Value);
    }

    [Fact]
    public void Of_MarkupAndListsOfMarkup_GoInAsTheyAre_ChineseStaysReadable()
    {
        var items = new List<Markup> { Html.Of($"<li>{"一"}</li>"), Html.Of($"<li>{"<二>"}</li>") };

        var markup = Html.Of($"<ul>{items}</ul>{Html.Raw("<hr>")}");

        Assert.Equal("<ul><li>一</li><li>&lt;二&gt;</li></ul><hr>", markup.Value);
    }

    [Fact]
    public void Json_TextThatWouldCloseTheScript_IsEscaped()
    {
        var json = Html.Json(new { name = "</script><b>" });

        Assert.DoesNotContain("<", json.Value, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", json.Value, StringComparison.Ordinal);
    }
}
