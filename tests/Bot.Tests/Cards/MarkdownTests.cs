using BranchBot.Bot.Cards;

namespace BranchBot.Bot.Tests.Cards;

public class MarkdownTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("我的思想汇报", "我的思想汇报")]
    [InlineData("**bold**", "\\*\\*bold\\*\\*")]
    [InlineData("_it_", "\\_it\\_")]
    [InlineData("[link](https://evil)", "［link］\\(https://evil\\)")]
    [InlineData("</at>", "＜/at＞")]
    [InlineData("<at>Boss</at>", "＜at＞Boss＜/at＞")]
    [InlineData("{{DATE(2026-11-30T00:00:00Z)}}", "{\u200B{DATE\\(2026-11-30T00:00:00Z\\)}\u200B}")]
    [InlineData("{x}", "{x}")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("# title", "\\# title")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("a > b", "a ＞ b")]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("  - indented", "  \\- indented")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("12) twelfth", "12\\) twelfth")]
    [InlineData("2026-11-30", "2026-11-30")]
    [InlineData("a - b", "a - b")]
    [InlineData("line\n- item\r\n1. x", "line\n\\- item\n1\\. x")]
    [InlineData("===", "\\===")]
    [InlineData("![img](x)", "\\!［img］\\(x\\)")]
    [InlineData("&lt;at&gt;", "＆lt;at＆gt;")]
    [InlineData("A & B", "A & B")]
    [InlineData("\"quotes\" 🙂", "\"quotes\" 🙂")]
    [InlineData("abc\u202Egnp.exe\u0000", "abcgnp.exe")]
    public void Escape_Text_NeutralisesMarkup(string? input, string expected) =>
        Assert.Equal(expected, Markdown.Escape(input));

    [Fact]
    public void UserTextBlock_EscapesButTrustedDoesNot()
    {
        Assert.Equal("\\*\\*x\\*\\*", TextBlock.User("**x**").Text);
        Assert.Equal("**x**", TextBlock.Trusted("**x**").Text);
        Assert.Equal("［a］", Fact.User("t", "[a]").Value);
    }
}
