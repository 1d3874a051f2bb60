using System.Text.RegularExpressions;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Tests.Localization;

public partial class TextsTests
{
    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    private static SortedSet<string> Placeholders(string text) => new(Placeholder().Matches(text).Select(m => m.Groups[1].Value));

    [Fact]
    public void Resources_EveryLanguage_HasExactlyTheSameKeys()
    {
        var zh = Texts.Default.All(Language.ZhCn).Keys.Order().ToList();

        Assert.True(zh.Count > 100, $"only {zh.Count} keys loaded");
        Assert.Equal(zh, Texts.Default.All(Language.EnUs).Keys.Order().ToList());
        Assert.Equal(zh, Texts.Default.All(Language.ZhTw).Keys.Order().ToList());
    }

    [Fact]
    public void Resources_EveryKey_HasTheSamePlaceholdersInEveryLanguage()
    {
        var mismatches = Texts.Default.All(Language.ZhCn)
            .Where(kv => !Placeholders(kv.Value).SetEquals(Placeholders(Texts.Default.Get(Language.EnUs, kv.Key)))
                         || !Placeholders(kv.Value).SetEquals(Placeholders(Texts.Default.Get(Language.ZhTw, kv.Key))))
            .Select(kv => kv.Key)
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Resources_EveryText_FormatsWithItsPlaceholdersAndIsNotBlank()
    {
        foreach (var language in Enum.GetValues<Language>())
            foreach (var (key, text) in Texts.Default.All(language))
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language.Tag()} {key} is blank");
                var count = Placeholders(text).Select(int.Parse).DefaultIfEmpty(-1).Max() + 1;
                var formatted = Texts.Default.Get(language, key, Enumerable.Range(0, Math.Max(count, 1)).Select(i => (object)$"<{i}>").ToArray());
                Assert.DoesNotContain("{", formatted.Replace("{0}", "", StringComparison.Ordinal));
            }
    }

    [Fact]
    public void Resources_ChineseFiles_AreDistinctScripts()
    {
        Assert.Equal("思想汇报", Texts.Default.Get(Language.ZhCn, "kind.thoughtReport"));
        Assert.Equal("思想匯報", Texts.Default.Get(Language.ZhTw, "kind.thoughtReport"));
        Assert.Equal("Thought report", Texts.Default.Get(Language.EnUs, "kind.thoughtReport"));
    }

    [Fact]
    public void Get_WithArguments_FillsPlaceholders()
    {
        Assert.Equal("Nudge all (12)", Texts.Default.Get(Language.EnUs, "overdue.nudgeAll", 12));
        Assert.Equal("提醒：2026年11月的思想汇报", Texts.Default.Get(Language.ZhCn, "reminder.title", "思想汇报", "2026年11月"));
    }

    [Fact]
    public void Get_UnknownKey_Throws() =>
        Assert.Throws<KeyNotFoundException>(() => Texts.Default.Get(Language.ZhCn, "no.such.key"));

    [Fact]
    public void CardDataErrors_EveryTextKey_Exists()
    {
        foreach (var code in Enum.GetValues<CardDataErrorCode>())
            Assert.NotEmpty(Texts.Default.Get(Language.ZhCn, new CardDataError(code).TextKey, "x", "y"));
    }
}
