using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Tests.Localization;

public sealed class CountTests
{
    [Theory]
    [InlineData(1, "It is 1 day overdue")]
    [InlineData(2, "It is 2 days overdue")]
    [InlineData(0, "It is 0 days overdue")]
    public void Count_English_UsesTheSingularOnlyForOne(int count, string expected) =>
        Assert.StartsWith(expected, Texts.Default.Count(Language.EnUs, "reminder.overdue", count, "November 30, 2026"), StringComparison.Ordinal);

    [Theory]
    [InlineData(Language.EnUs, 1, "1 word")]
    [InlineData(Language.EnUs, 1234, "1,234 words")]
    [InlineData(Language.ZhCn, 1, "1 字")]
    [InlineData(Language.ZhCn, 1234, "1,234 字")]
    public void WordCount_CountsWithTheRightForm(Language language, int count, string expected) =>
        Assert.Equal(expected, Formats.WordCount(language, count));

    [Theory]
    [InlineData(1, "Reminder queued for 1 person; it goes out in a moment.")]
    [InlineData(3, "Reminders queued for 3 people; they go out in a moment.")]
    public void Count_NudgedAllInEnglish_SaysPersonOrPeople(int count, string expected) =>
        Assert.Equal(expected, Texts.Default.Count(Language.EnUs, "overdue.nudgedAll", count));

    [Fact]
    public void Resources_EveryCountedText_HasBothForms()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            var keys = Texts.Default.All(language).Keys.ToHashSet(StringComparer.Ordinal);
            var stems = keys.Where(k => k.EndsWith(".one", StringComparison.Ordinal) || k.EndsWith(".other", StringComparison.Ordinal))
                .Select(k => k[..k.LastIndexOf('.')]).Distinct().ToList();

            Assert.NotEmpty(stems);
            Assert.All(stems, stem => Assert.True(keys.Contains(stem + ".one") && keys.Contains(stem + ".other"), $"{language.Tag()} {stem}"));
        }
    }

    [Fact]
    public void Resources_English_NeverHedgesAPluralWithParentheses() =>
        Assert.DoesNotContain(Texts.Default.All(Language.EnUs), kv => kv.Value.Contains("(s)", StringComparison.Ordinal) || kv.Value.Contains("day(s)", StringComparison.Ordinal));
}
