using System.Text;
using System.Text.Json;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Tests.Cards;

/// <summary>Cards for any size of branch fit Teams' message limit by design, not by the size guard cutting text.</summary>
public sealed class CardSizeTests
{
    // The showcases put raw 20,000-character text in TextBlocks to exercise the size guard itself.
    public static TheoryData<string> CatalogNames() => [.. CardCatalogForTests.All.Select(e => e.Name).Where(n => !n.StartsWith("showcase", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void CatalogCard_InEveryLanguageWithHostileText_FitsUnderTheLimitWithoutCuttingText(string name)
    {
        var entry = CardCatalogForTests.All.Single(e => e.Name == name);
        foreach (var language in Enum.GetValues<Language>())
            foreach (var (textName, text) in CardCatalogForTests.HostileTexts)
            {
                var bytes = Encoding.UTF8.GetByteCount(entry.Build(language, text).ToJson(int.MaxValue));
                Assert.True(bytes <= AdaptiveCard.MaxBytes, $"{name} in {language.Tag()} with {textName} text is {bytes} bytes (limit {AdaptiveCard.MaxBytes}).");
            }
    }

    [Fact]
    public void OverdueList_TwoPeopleWithTheSameName_ShowsEachWithTheirStudentNumber()
    {
        var item = new OverdueItem(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), new DateOnly(2026, 10, 31), ObligationStatus.Overdue, 0, null);
        var card = OverdueListCard.Build(Language.ZhCn, "第一小组", new OverdueListView(OverdueScope.Group, 1, 3),
            [
                new OverduePerson(7, "张三", [item with { SubjectId = 7 }]) { StudentNumber = "2025001" },
                new OverduePerson(8, "张三", [item with { SubjectId = 8 }]) { StudentNumber = "2025101" },
                new OverduePerson(9, "李四", [item with { SubjectId = 9 }]) { StudentNumber = "2025002" },
            ], [], [], "card-1");

        var names = Names(card.ToJson());

        Assert.Equal(["张三（2025001）", "张三（2025101）", "李四"], names);
    }

    [Fact]
    public void TalkForm_TwoMenteesWithTheSameName_AreTwoChoicesWithTheirStudentNumbers()
    {
        var card = TalkFormCard.Build(Language.EnUs,
            [new MenteeOption(7, "张三") { StudentNumber = "2025001" }, new MenteeOption(8, "张三") { StudentNumber = "2025101" }, new MenteeOption(9, "李四") { StudentNumber = "2025002" }],
            new DateOnly(2026, 11, 19), "card-t");

        var choices = JsonDocument.Parse(card.ToJson()).RootElement.GetProperty("body").EnumerateArray()
            .Single(e => e.TryGetProperty("id", out var id) && id.GetString() == TalkFormCard.MenteeInput).GetProperty("choices").EnumerateArray()
            .Select(c => (c.GetProperty("title").GetString(), c.GetProperty("value").GetString())).ToList();

        Assert.Equal([("张三 (2025001)", "7"), ("张三 (2025101)", "8"), ("李四", "9")], choices);
    }

    [Fact]
    public void OverdueList_PersonAYearBehind_SummarisesKindsCountsAndSinceWhenAndListsTheOldestItems()
    {
        var person = OverdueCardSamples.YearBehind("张三", 1)[0];

        var json = OverdueListCard.Build(Language.ZhCn, "第一小组", new OverdueListView(OverdueScope.Group, 1, 1), [person], [], [], "card-1").ToJson();

        Assert.Contains("思想汇报 12 项", json);
        Assert.Contains("谈心谈话 24 项", json);
        Assert.Contains("思想汇报 12 项、谈心谈话 24 项、向支部的季度书面汇报 4 项 · 最早 2025年第4季度", json);
        Assert.Contains($"……另有 {person.Items.Count - OverdueListCard.ItemsShown} 项", json);
    }

    [Fact]
    public void LeaderSummary_GroupAYearBehind_IsOneLinePerPersonWithNamesakesApart()
    {
        var json = ReminderLeaderSummaryCard.Build(Language.ZhCn, ReminderCardSamples.YearBehind("王五"), new DateOnly(2026, 11, 30)).ToJson();

        Assert.Contains("已逾期（50）", json);
        Assert.Contains("王五：思想汇报 12 项、谈心谈话 24 项、向支部的季度书面汇报 4 项，最早 2025年第4季度", json);
        Assert.Contains("张三（2025001）：", json);
        Assert.Contains("张三（2025006）：", json);
        Assert.Contains($"……另有 {50 - ReminderLeaderSummaryCard.MaxItemsPerSection} 人", json);
    }

    private static List<string> Names(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Container")
            .Select(e => e.GetProperty("items")[0].GetProperty("text").GetString()!)
            .ToList();
}
