using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Tests.Localization;

public class FormatsTests
{
    [Theory]
    [InlineData("2026-11", Language.ZhCn, "2026年11月")]
    [InlineData("2026-11", Language.EnUs, "November 2026")]
    [InlineData("2026-11", Language.ZhTw, "2026年11月")]
    [InlineData("2026-Q4", Language.ZhCn, "2026年第4季度")]
    [InlineData("2026-Q4", Language.EnUs, "Q4 2026")]
    [InlineData("2026-Q4", Language.ZhTw, "2026年第4季")]
    [InlineData("2026-H1", Language.ZhCn, "2026年上半年")]
    [InlineData("2026-H2", Language.EnUs, "second half of 2026")]
    [InlineData("2027-H2", Language.ZhTw, "2027年下半年")]
    public void Period_EachCadenceAndLanguage_ReadsNaturally(string key, Language language, string expected) =>
        Assert.Equal(expected, Formats.Period(language, Period.Parse(key)));

    [Theory]
    [InlineData(Language.ZhCn, "2026年11月30日", "2026年11月30日（周一）")]
    [InlineData(Language.EnUs, "Nov 30, 2026", "Mon, Nov 30, 2026")]
    [InlineData(Language.ZhTw, "2026年11月30日", "2026年11月30日（週一）")]
    public void Date_EachLanguage_ReadsNaturally(Language language, string date, string withWeekday)
    {
        Assert.Equal(date, Formats.Date(language, new DateOnly(2026, 11, 30)));
        Assert.Equal(withWeekday, Formats.DateWithWeekday(language, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Enums_EveryValue_HasATextInEveryLanguage()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            foreach (var kind in Enum.GetValues<ObligationKind>()) Assert.NotEmpty(Formats.Kind(language, kind));
            foreach (var stage in Enum.GetValues<Stage>()) Assert.NotEmpty(Formats.Stage(language, stage));
            foreach (var status in Enum.GetValues<ObligationStatus>()) Assert.NotEmpty(Formats.Status(language, status));
            foreach (var mode in Enum.GetValues<TalkMode>()) Assert.NotEmpty(Formats.TalkMode(language, mode));
        }
    }

    [Theory]
    [InlineData(Language.ZhCn, "1,234 字")]
    [InlineData(Language.EnUs, "1,234 words")]
    [InlineData(Language.ZhTw, "1,234 字")]
    public void WordCount_Formats(Language language, string expected) => Assert.Equal(expected, Formats.WordCount(language, 1234));
}
