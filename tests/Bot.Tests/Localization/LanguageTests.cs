using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Tests.Localization;

public class LanguageResolverTests
{
    [Theory]
    [InlineData(Language.EnUs, Language.ZhTw, "zh-CN", Language.EnUs)]
    [InlineData(null, Language.ZhTw, "en-US", Language.ZhTw)]
    [InlineData(null, null, "en-US", Language.EnUs)]
    [InlineData(null, null, "zh-tw", Language.ZhTw)]
    [InlineData(null, null, null, Language.ZhCn)]
    [InlineData(null, null, "fr-FR", Language.ZhCn)]
    public void Resolve_Order_IsChoiceThenLastTypedThenLocaleThenDefault(Language? preferred, Language? lastTyped, string? locale, Language expected) =>
        Assert.Equal(expected, LanguageResolver.Resolve(preferred, lastTyped, locale));

    [Fact]
    public void Resolve_NothingKnown_UsesBranchDefault() =>
        Assert.Equal(Language.EnUs, LanguageResolver.Resolve(null, null, "", Language.EnUs));

    [Theory]
    [InlineData("zh-TW", Language.ZhTw)]
    [InlineData("zh-HK", Language.ZhTw)]
    [InlineData("zh-MO", Language.ZhTw)]
    [InlineData("zh-Hant", Language.ZhTw)]
    [InlineData("zh-Hant-SG", Language.ZhTw)]
    [InlineData("zh_TW", Language.ZhTw)]
    [InlineData("zh-CN", Language.ZhCn)]
    [InlineData("zh-SG", Language.ZhCn)]
    [InlineData("zh-Hans-HK", Language.ZhCn)]
    [InlineData("zh", Language.ZhCn)]
    [InlineData("en-US", Language.EnUs)]
    [InlineData("en-GB", Language.EnUs)]
    [InlineData("EN", Language.EnUs)]
    [InlineData("de-DE", null)]
    [InlineData("  ", null)]
    public void FromLocale_TeamsLocale_MapsToLanguage(string locale, Language? expected) =>
        Assert.Equal(expected, LanguageResolver.FromLocale(locale));
}

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("帮助", Language.ZhCn)]
    [InlineData("幫助", Language.ZhTw)]
    [InlineData("记录谈话", Language.ZhCn)]
    [InlineData("記錄談話", Language.ZhTw)]
    [InlineData("逾期", Language.ZhCn)]
    [InlineData("我们的思想汇报", Language.ZhCn)]
    [InlineData("我們的報告", Language.ZhTw)]
    [InlineData("help", Language.EnUs)]
    [InlineData("My Status", Language.EnUs)]
    [InlineData("@BranchBot 帮助", Language.ZhCn)]
    [InlineData("?", null)]
    [InlineData("   ", null)]
    [InlineData("123", null)]
    public void FromTypedText_Text_DetectsLanguage(string text, Language? expected) =>
        Assert.Equal(expected, LanguageDetector.FromTypedText(text));

    [Fact]
    public void FromTypedText_EveryCatalogueCommand_DetectsItsOwnLanguage()
    {
        foreach (var entry in Commands.All)
        {
            foreach (var phrase in entry.SimplifiedChinese) Assert.Equal(Language.ZhCn, Commands.LanguageOf(phrase));
            foreach (var phrase in entry.English.Where(p => p.Any(char.IsAsciiLetter))) Assert.Equal(Language.EnUs, Commands.LanguageOf(phrase));
            // A traditional phrase identical to its simplified one (逾期) cannot be told apart; it reads as Simplified.
            foreach (var phrase in entry.TraditionalChinese.Where(p => !entry.SimplifiedChinese.Contains(p)))
                Assert.Equal(Language.ZhTw, Commands.LanguageOf(phrase));
        }
    }
}
