using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Tests.Features.Roster;

/// <summary>The import report in each of the bot's languages.</summary>
public sealed class RosterReportLanguageTests
{
    // Characters that only Simplified Chinese writes; a Traditional text containing one was not translated.
    private const string SimplifiedOnly = "这为导据库组阶党联务请该处删识设无与学邮览预变实担须会现历计数则项录档输进们发头过时应对样号读";

    public static TheoryData<RosterProblemCode> Codes() => [.. Enum.GetValues<RosterProblemCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Problem_EveryCodeInEachLanguage_IsItsOwnTextAndTraditionalHasNoSimplifiedCharacter(RosterProblemCode code)
    {
        var problem = new RosterProblem(3, RosterColumn.Stage, code, nameof(Stage.DevelopmentTarget), "2", "1");

        var cn = RosterReport.Problem(problem, Language.ZhCn);
        var tw = RosterReport.Problem(problem, Language.ZhTw);
        var en = RosterReport.Problem(problem, Language.EnUs);

        Assert.DoesNotContain(code.ToString(), cn, StringComparison.Ordinal); // not the fallback
        Assert.NotEqual(cn, tw);
        Assert.NotEqual(cn, en);
        Assert.StartsWith("第 3 列，階段：", tw, StringComparison.Ordinal);
        Assert.StartsWith("Row 3, Stage: ", en, StringComparison.Ordinal);
        Assert.True(tw.IndexOfAny(SimplifiedOnly.ToCharArray()) < 0, $"Simplified character in the Traditional text: {tw}");
    }

    [Theory]
    [InlineData("zh-TW", "名單已匯入：新增 1 人")]
    [InlineData("zh-Hant-HK", "名單已匯入：新增 1 人")]
    [InlineData("zh-CN", "名单已导入：新增 1 人")]
    [InlineData("en", "Roster imported: 1 added")]
    public void Render_TheCliLanguageTag_PicksTheLanguage(string tag, string expected)
    {
        var result = new RosterImportResult
        {
            Problems = [],
            Changes = [new RosterChange(2, "2026001", "张同学", RosterChangeKind.Added, [])],
        };

        Assert.StartsWith(expected, RosterReport.Render(result, tag), StringComparison.Ordinal);
    }
}
