using System.Net;
using System.Text.Json;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.EndToEnd.Tests.Support;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

public sealed class YearlyExportJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 11 end to end (年度导出): the activist 王小明 hands in October's thought report in his own chat; the committee types
/// "年度导出", keeps the form's defaults (2026, Excel, the whole branch) and gets a card with a download link; the test
/// follows that link with an HttpClient, as a tap would, reads the workbook back with the project's xlsx reader and checks
/// reports by stage and people per stage, branch-wide and for 第一小组, against the bot's own database.
public sealed class YearlyExportJourneyTests(YearlyExportJourneyFixture fixture) : IClassFixture<YearlyExportJourneyFixture>
{
    private const string Year = "2026";
    private const string October = "2026年10月";

    // 156 Chinese characters: the form asks for at least 100 words.
    private const string ReportText =
        "本月我认真学习了党章和习近平新时代中国特色社会主义思想，进一步认识到作为入党积极分子必须在思想上、学习上和生活中严格要求自己。" +
        "在专业学习中，我主动帮助同学解决设计软件的问题，参加了学院组织的志愿服务活动，体会到为人民服务不是一句口号，而是落实在日常的每一件小事里。" +
        "下个月我计划继续阅读党史，按时参加党课，并向联系人汇报自己的思想变化。";

    [Fact]
    public async Task Committee_AsksForTheYearlyExportInChat_TheLinksWorkbookHoldsTheDatabasesFigures()
    {
        var (browser, playground) = (fixture.Browser, fixture.Playground);
        await using (var student = await fixture.OpenWindowAsync(BranchRoster.Student.Id))
        {
            await student.Browser.TypeAsync("交思想汇报");
            var report = await student.Browser.WaitForCardAsync("思想汇报 · " + October);
            await ChatBrowser.FillAsync(report, "汇报内容", ReportText);
            await student.Browser.ClickAsync(report, "提交");
            await student.Browser.WaitForCardAsync("已收到：" + October + "的思想汇报");
        }

        await browser.TypeAsync("年度导出");
        var form = await browser.WaitForCardAsync("按上级要求的年度格式导出支部数据");
        await browser.ScreenshotAsync("export-form");
        var mark = playground.Chat.Count;
        var asked = await browser.ClickAsync(form, "生成下载链接");
        Assert.Equal(Year, asked.Value!.Value.GetProperty("exportYear").GetString());
        var answer = await playground.WaitForBotMessageAsync($"{Year} 年度导出已准备好", mark);
        Assert.True(answer.IsUpdate, $"The link was posted as a new message, not in place of the form: {answer}");
        var card = await browser.WaitForCardAsync($"{Year} 年度导出已准备好");
        await card.GetByText("下载", new() { Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await browser.ScreenshotAsync("export-link");

        var link = Assert.Single(OpenUrls(answer.Attachments));
        Assert.Equal(fixture.Bot.BaseUrl.Authority, link.Authority);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = Xlsx.Read(stream);

        var (members, groups, submissions) = await DatabaseAsync();
        Assert.Equal(["支部", .. groups.OrderBy(g => g.Name).Select(g => g.Name)], sheets.Select(s => s.Name));
        var branch = sheets[0];
        Assert.Single(submissions);
        Assert.Equal(submissions.Count.ToString(), Figure(branch, "汇报", "收到汇报"));
        Assert.Equal(submissions.Count(s => s.Kind == ObligationKind.ThoughtReport).ToString(), Figure(branch, "汇报", "思想汇报"));
        foreach (var stage in new[] { Stage.Activist, Stage.DevelopmentTarget, Stage.Probationary })
        {
            var handedIn = submissions.Count(s => members.Single(m => m.Id == s.MemberId).Stage == stage);
            Assert.Equal(handedIn.ToString(), Figure(branch, "汇报", $"{Formats.Stage(Language.ZhCn, stage)}阶段"));
        }
        foreach (var stage in Enum.GetValues<Stage>())
        {
            Assert.Equal(members.Count(m => m.Stage == stage).ToString(), Figure(branch, "人员", $"在册：{Formats.Stage(Language.ZhCn, stage)}"));
        }
        Assert.Equal("2", Figure(branch, "人员", "在册：入党积极分子")); // 王小明 and 陈静, as the roster says

        // 第一小组's sheet: its people on the roll, and the student's row with the report behind the figure.
        var first = groups.Single(g => g.Name == BranchRoster.FirstGroup);
        var sheet = sheets.Single(s => s.Name == BranchRoster.FirstGroup);
        var inGroup = members.Where(m => m.GroupId == first.Id).ToList();
        Assert.Equal(inGroup.Count(m => m.Stage == Stage.Activist).ToString(), Figure(sheet, "人员", "在册：入党积极分子"));
        Assert.Equal("1", Figure(sheet, "汇报", "入党积极分子阶段"));
        var people = sheet.Rows.SkipWhile(r => r.Count > 0).Skip(2).ToList();
        Assert.Equal(inGroup.Select(m => m.Name).Order(), people.Select(r => r[1]).Order());
        var row = people.Single(r => r[1] == BranchRoster.Student.Name);
        Assert.Equal(["入党积极分子", "1"], row.Skip(2).Take(2));
    }

    /// The figure of a branch or group sheet row (section, figure, count).
    private static string Figure(XlsxSheetText sheet, string section, string figure) =>
        Assert.Single(sheet.Rows, r => r.Count == 3 && r[0] == section && r[1] == figure)[2];

    /// Every Action.OpenUrl's address in the message's cards.
    private static IEnumerable<Uri> OpenUrls(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object when e.Str("type") == "Action.OpenUrl" && e.Str("url") is { } url => [new Uri(url)],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => OpenUrls(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(OpenUrls),
        _ => [],
    };

    /// The roster and the reports as the bot's own SQLite database holds them.
    private async Task<(List<Member> Members, List<Group> Groups, List<Submission> Submissions)> DatabaseAsync()
    {
        var path = Path.Combine(fixture.Bot.DataDir, "branchbot.db");
        var options = new DbContextOptionsBuilder<SqliteBranchDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly").Options;
        try
        {
            await using var db = new SqliteBranchDbContext(options);
            return (await db.Members.AsNoTracking().ToListAsync(), await db.Groups.AsNoTracking().ToListAsync(), await db.Submissions.AsNoTracking().ToListAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
