using System.Globalization;
using System.Text;
using BranchBot.Domain;
using BranchBot.Infrastructure.Spreadsheets;
using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

/// <summary>
/// The tab in headless Chromium against the built bot with the demo branch, signed in through the local sign-in page
/// as a committee member, a group leader and a student: the dashboard (its dues too), a roster upload applied, a rule change that the
/// next reminder run follows, the committee's pages refused to the others; screenshots at desktop and phone widths in
/// artifacts/e2e/tab/.
/// </summary>
public sealed class TabBrowserTests : IAsyncLifetime
{
    private static readonly string Artifacts = RepoPaths.Artifacts("tab");
    private BotProcess _bot = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        var options = new BotOptions { BeforeStart = async bot => Assert.Equal(0, (await bot.RunCommandAsync("demo")).ExitCode) };
        options.Environment["Tab__LocalSignIn"] = "true";
        options.Environment["Reminders__Enabled"] = "false";
        _bot = await BotProcess.StartAsync(Artifacts, options);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChatBrowser.ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _bot.DisposeAsync();
    }

    [Fact]
    public async Task Committee_Dashboard_NumbersMatchTheDatabase_AndDrillDownOpensAPerson()
    {
        var committee = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 31) <> 0 ORDER BY Id LIMIT 1");
        var page = await SignInAsync(committee, "committee");

        Assert.Equal(await ScalarAsync("SELECT COUNT(*) FROM Members"), int.Parse(await page.Locator("[data-kpi=people] b").InnerTextAsync()));
        foreach (var stage in Enum.GetValues<Stage>())
            Assert.Equal(await ScalarAsync($"SELECT COUNT(*) FROM Members WHERE Stage = {(int)stage}"),
                int.Parse(await page.Locator($"tr[data-stage={stage}] td").InnerTextAsync()));
        await page.WaitForSelectorAsync("#chart-groups[data-drawn=true]");
        await ScreenshotsAsync(page, "committee-dashboard");

        await page.Locator("tr[data-row^=group-] td a").First.ClickAsync();
        await page.Locator("table tbody tr td a").First.ClickAsync();
        Assert.Matches("/tab/people/[0-9]+$", page.Url);
        await ScreenshotsAsync(page, "committee-person");
    }

    [Fact]
    public async Task Committee_Dashboard_DuesMatchTheDatabase_AndAnUnpaidNameOpensThePerson()
    {
        var committee = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 31) <> 0 ORDER BY Id LIMIT 1");
        // Facts made here: every probationary and full member on the roll owes ¥0.50 from September; the first two paid
        // November; October was remitted.
        var owes = $"FROM Members WHERE Stage IN ({(int)Stage.Probationary}, {(int)Stage.Full}) AND (TransferredOn IS NULL OR TransferredOn > '2026-11-30')";
        var setAt = BotProcess.ClockStartsAt.UtcTicks;
        await ExecuteAsync($"INSERT INTO DuesRates (MemberId, FromMonth, Amount, SetById, SetAt) SELECT Id, '2026-09', '0.50', {committee}, {setAt} {owes}");
        await ExecuteAsync($"INSERT INTO DuesPayments (MemberId, Month, Amount, Receipt, PaidOn, RecordedById, RecordedAt) SELECT Id, '2026-11', '0.50', 'R-' || Id, '2026-11-05', {committee}, {setAt} {owes} ORDER BY Id LIMIT 2");
        await ExecuteAsync($"INSERT INTO DuesRemittances (Month, Amount, Receipt, RemittedOn, RecordedById, RecordedAt) VALUES ('2026-10', '3.00', 'SJ-2026-10', '2026-11-03', {committee}, {setAt})");
        var owing = await ScalarAsync("SELECT COUNT(*) " + owes);
        var paid = await ScalarAsync("SELECT COUNT(*) FROM DuesPayments WHERE Month = '2026-11'");
        Assert.True(owing > 2, "the demo branch has members who owe dues");
        var page = await SignInAsync(committee, "committee");

        var november = page.Locator("#dues tr[data-dues-month='2026-11']");
        Assert.Equal(owing.ToString(CultureInfo.InvariantCulture), await november.GetAttributeAsync("data-owing"));
        Assert.Equal(paid.ToString(CultureInfo.InvariantCulture), await november.GetAttributeAsync("data-paid"));
        Assert.Equal((paid * 0.50m).ToString("0.00", CultureInfo.InvariantCulture), await november.Locator("td[data-collected]").GetAttributeAsync("data-collected"));
        Assert.Equal((owing * 0.50m).ToString("0.00", CultureInfo.InvariantCulture), await november.Locator("td[data-collected]").GetAttributeAsync("data-expected"));
        Assert.Equal($"{paid} / {owing}", await november.Locator("td").First.InnerTextAsync());
        Assert.Equal("3.00", await page.Locator("#dues tr[data-dues-month='2026-10'] td[data-remitted]").GetAttributeAsync("data-remitted"));
        Assert.Contains("SJ-2026-10", await page.Locator("#dues tr[data-dues-month='2026-10'] td[data-remitted]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Math.Min(owing - paid, 50), await page.Locator("#dues [data-dues-unpaid='2026-11'] li").CountAsync());
        await page.Locator("#dues").ScrollIntoViewIfNeededAsync();
        await ScreenshotsAsync(page, "committee-dues");

        var first = page.Locator("#dues [data-dues-unpaid='2026-11'] li a").First;
        var unpaid = int.Parse((await first.GetAttributeAsync("href"))!.Split('/')[^1], CultureInfo.InvariantCulture);
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/tab/people/{unpaid}", StringComparison.Ordinal));
        Assert.Equal(0, await ScalarAsync($"SELECT COUNT(*) FROM DuesPayments WHERE Month = '2026-11' AND MemberId = {unpaid}"));
        Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) {owes} AND Id = {unpaid}"));
    }

    [Fact]
    public async Task Leader_Dashboard_ShowsOnlyTheirGroup()
    {
        var leader = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 32) <> 0 AND (Roles & 31) = 0 ORDER BY Id LIMIT 1");
        var group = await ScalarAsync($"SELECT GroupId FROM Members WHERE Id = {leader}");
        var page = await SignInAsync(leader, "leader");

        Assert.Equal(1, await page.Locator("tr[data-row^=group-]").CountAsync());
        Assert.Equal(1, await page.Locator($"tr[data-row=group-{group}]").CountAsync());
        Assert.Equal(await ScalarAsync($"SELECT COUNT(*) FROM Members WHERE GroupId = {group}"), int.Parse(await page.Locator("[data-kpi=people] b").InnerTextAsync()));
        // Dues: their group's members who owe, none paid in the demo; no yuan and no remittance for a leader.
        var owing = await ScalarAsync($"SELECT COUNT(*) FROM Members WHERE GroupId = {group} AND Stage IN ({(int)Stage.Probationary}, {(int)Stage.Full}) AND (TransferredOn IS NULL OR TransferredOn > '2026-11-30')");
        Assert.Equal(owing.ToString(CultureInfo.InvariantCulture), await page.Locator("#dues tr[data-dues-month='2026-11']").GetAttributeAsync("data-owing"));
        Assert.Equal(owing, await page.Locator("#dues [data-dues-unpaid='2026-11'] li").CountAsync());
        Assert.Equal(0, await page.Locator("#dues [data-collected], #dues [data-remitted]").CountAsync());
        await ScreenshotsAsync(page, "leader-dashboard");
    }

    [Fact]
    public async Task Student_SeesOwnRecord_AndCannotReachAnothersByChangingTheUrl()
    {
        var student = await ScalarAsync("SELECT Id FROM Members WHERE Roles = 0 AND Id NOT IN (SELECT MentorId FROM MentorAssignments) ORDER BY Id LIMIT 1");
        var other = await ScalarAsync($"SELECT Id FROM Members WHERE Id <> {student} ORDER BY Id LIMIT 1");
        var page = await SignInAsync(student, "student");

        Assert.EndsWith($"/tab/people/{student}", page.Url, StringComparison.Ordinal);
        await ScreenshotsAsync(page, "student-own");
        var response = await page.GotoAsync(new Uri(_bot.BaseUrl, $"/tab/people/{other}").ToString());
        Assert.Equal(404, response!.Status);
        // A download is a request, not a page: asked with the same session cookie.
        var figures = await page.Context.APIRequest.GetAsync(new Uri(_bot.BaseUrl, "/tab/exports/yearly?year=2026&format=csv").ToString());
        Assert.Equal(403, figures.Status);
    }

    [Fact]
    public async Task Committee_UploadsARosterXlsx_SeesTheReport_Applies_AndTheDatabaseHoldsTheChange()
    {
        var committee = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 31) <> 0 ORDER BY Id LIMIT 1");
        var people = await ScalarAsync("SELECT COUNT(*) FROM Members");
        // One person renamed (everything else as stored; stages by their English names, which the import reads too) and one added; the file has only the required columns, so
        // everyone else is reported as not in the file and kept.
        var (number, group, stage, since) = await RowAsync("SELECT m.StudentNumber, g.Name, m.Stage, m.StageSince FROM Members m JOIN Groups g ON g.Id = m.GroupId WHERE m.Roles = 0 ORDER BY m.Id LIMIT 1");
        IReadOnlyList<XlsxCell> Row(params string[] cells) => cells.Select(XlsxCell.Of).ToList();
        var file = Xlsx.ToBytes([new XlsxSheet("名单",
        [
            Row("学号", "姓名", "小组", "阶段", "阶段开始日期"),
            Row(number, "改名同学", group, ((Stage)int.Parse(stage, CultureInfo.InvariantCulture)).ToString(), since),
            Row("2026999", "新来的同学", group, nameof(Stage.Activist), "2026-10-08"),
        ])]);
        var page = await SignInAsync(committee, "committee");

        await page.GotoAsync(new Uri(_bot.BaseUrl, "/tab/roster").ToString());
        await page.Locator("#roster-file").SetInputFilesAsync(new FilePayload { Name = "名单.xlsx", MimeType = Xlsx.ContentType, Buffer = file });
        await page.Locator("button[data-action=check]").ClickAsync();
        await page.WaitForSelectorAsync("[data-notice=preview]");

        Assert.Equal("1", await page.Locator("[data-report=added]").GetAttributeAsync("data-count"));
        Assert.Equal("1", await page.Locator("[data-report=changed]").GetAttributeAsync("data-count"));
        Assert.Equal((people - 1).ToString(CultureInfo.InvariantCulture), await page.Locator("[data-report=leaving]").GetAttributeAsync("data-count"));
        Assert.Equal(1, await page.Locator("[data-report=warnings] tr[data-row='3']").CountAsync()); // the new activist has no mentor yet
        Assert.Equal(people, await ScalarAsync("SELECT COUNT(*) FROM Members"));
        await ScreenshotsAsync(page, "committee-roster-report");

        await page.Locator("button[data-action=apply]").ClickAsync();
        await page.WaitForSelectorAsync("[data-notice=applied]");

        Assert.Equal(people + 1, await ScalarAsync("SELECT COUNT(*) FROM Members"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM Members WHERE StudentNumber = '2026999' AND Name = '新来的同学'"));
        Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) FROM Members WHERE StudentNumber = '{number}' AND Name = '改名同学'"));
        await ScreenshotsAsync(page, "committee-roster-applied");
    }

    [Fact]
    public async Task Committee_ChangesARuleInTheTab_AndTheNextReminderRunFollowsIt()
    {
        var committee = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 31) <> 0 ORDER BY Id LIMIT 1");
        var page = await SignInAsync(committee, "committee");
        await page.GotoAsync(new Uri(_bot.BaseUrl, "/tab/rules").ToString());
        Assert.Equal("思想汇报 · 入党积极分子", await page.Locator("fieldset:has(#offsets_0) legend").InnerTextAsync());

        // A bad value first: refused next to its field, what was typed kept, nothing stored.
        await page.Locator("#offsets_0").FillAsync("2");
        await page.Locator("#evaluationPassMark").FillAsync("101");
        await page.Locator("form.rules button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("[data-notice=errors]");
        Assert.Equal("2", await page.Locator("#offsets_0").InputValueAsync());
        Assert.Equal(1, await page.Locator("[data-error-for=evaluationPassMark]").CountAsync());
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM PolicyChanges"));
        await ScreenshotsAsync(page, "committee-rules-error");

        // Activists' thought reports: reminded only 2 days before the due date (30 Nov), no longer 7, 3 and 1.
        await page.Locator("#evaluationPassMark").FillAsync("60");
        await page.Locator("form.rules button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("[data-notice=saved]");
        Assert.Equal(1, await page.Locator("tr[data-version='1']").CountAsync());
        Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) FROM PolicyChanges WHERE Version = 1 AND ChangedById = {committee}"));
        await ScreenshotsAsync(page, "committee-rules-saved");

        var activistReports = $"FROM ReminderDeliveries WHERE Kind = {(int)ObligationKind.ThoughtReport} AND PeriodKey = '2026-11' AND SubjectId IN (SELECT Id FROM Members WHERE Stage = {(int)Stage.Activist})";
        var othersReports = $"FROM ReminderDeliveries WHERE Kind = {(int)ObligationKind.ThoughtReport} AND PeriodKey = '2026-11' AND SubjectId IN (SELECT Id FROM Members WHERE Stage <> {(int)Stage.Activist})";
        var early = await _bot.RunCommandAsync("jobs", "run", "monthly-reminders", "--as-of", "2026-11-26T10:00");
        Assert.True(early.ExitCode == 0, early.Output);
        Assert.True(await ScalarAsync("SELECT COUNT(*) " + othersReports) > 0, "the other stages' rules, unchanged, still remind on 23 November");
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) " + activistReports));

        var onTheDay = await _bot.RunCommandAsync("jobs", "run", "monthly-reminders", "--as-of", "2026-11-28T10:00");
        Assert.True(onTheDay.ExitCode == 0, onTheDay.Output);
        Assert.True(await ScalarAsync("SELECT COUNT(*) " + activistReports) > 0, onTheDay.Output);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) " + activistReports + " AND Step <> 'remind-2d'"));
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("student")]
    public async Task LeaderOrStudent_RosterAndRules_Are403ForGetAndPost(string who)
    {
        var member = who == "leader"
            ? await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 32) <> 0 AND (Roles & 31) = 0 ORDER BY Id LIMIT 1")
            : await ScalarAsync("SELECT Id FROM Members WHERE Roles = 0 AND Id NOT IN (SELECT MentorId FROM MentorAssignments) ORDER BY Id LIMIT 1");
        var page = await SignInAsync(member, who);
        // A valid antiforgery token of their own session: what is refused is the role, not the form.
        var csrf = (await page.Locator("meta[name=csrf-token]").GetAttributeAsync("content"))!;
        var headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = csrf };
        var api = page.Context.APIRequest;
        string Url(string path) => new Uri(_bot.BaseUrl, path).ToString();

        foreach (var path in new[] { "/tab/roster", "/tab/rules", "/tab/roster/export?format=xlsx" })
            Assert.Equal(403, (await api.GetAsync(Url(path))).Status);
        var rules = api.CreateFormData();
        rules.Set("version", "0");
        rules.Set("offsets_0", "2");
        Assert.Equal(403, (await api.PostAsync(Url("/tab/rules"), new() { Headers = headers, Form = rules })).Status);
        var upload = api.CreateFormData();
        upload.Set("file", new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("学号,姓名,小组,阶段,阶段开始日期\n9,x,y,积极分子,2026-01-01\n") });
        Assert.Equal(403, (await api.PostAsync(Url("/tab/roster/preview"), new() { Headers = headers, Multipart = upload })).Status);
        var apply = api.CreateFormData();
        apply.Set("token", "x.y");
        apply.Set("file", "eA==");
        Assert.Equal(403, (await api.PostAsync(Url("/tab/roster/apply"), new() { Headers = headers, Form = apply })).Status);

        var response = await page.GotoAsync(Url("/tab/rules"));
        Assert.Equal(403, response!.Status);
        await ScreenshotsAsync(page, $"{who}-rules-403");
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM PolicyChanges"));
    }

    [Fact]
    public async Task Committee_Dashboard_AtPhoneWidth_ShowsTheOverdueTableAsCards()
    {
        var committee = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 31) <> 0 ORDER BY Id LIMIT 1");
        var page = await SignInAsync(committee, "committee");
        var row = page.Locator("table.cards-on-phone tbody tr").First;

        await page.SetViewportSizeAsync(390, 844);

        Assert.Equal("none", await page.Locator("table.cards-on-phone thead").EvaluateAsync<string>("e => getComputedStyle(e).display === 'none' ? 'none' : getComputedStyle(e).position === 'absolute' ? 'none' : 'shown'"));
        Assert.Equal("block", await row.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.EndsWith("：", await row.Locator("td[data-label]").First.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content.replace(/\"/g, '').slice(-1)"));
        await page.SetViewportSizeAsync(1280, 900);
        Assert.Equal("table-row", await row.EvaluateAsync<string>("e => getComputedStyle(e).display"));
    }

    private async Task<IPage> SignInAsync(int memberId, string who)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_bot.BaseUrl, "/tab").ToString());
        Assert.EndsWith("/tab/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GotoAsync(new Uri(_bot.BaseUrl, "/tab/signin/local").ToString());
        await page.Locator($"button[name=memberId][value='{memberId}']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/tab", StringComparison.Ordinal) && !url.Contains("signin", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("header .who").CountAsync());
        return page;
    }

    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Artifacts);
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
    }

    private async Task<(string, string, string, string)> RowAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_bot.DataDir, "branchbot.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), sql);
        string At(int i) => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
        return (At(0), At(1), At(2), At(3));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_bot.DataDir, "branchbot.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<int> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_bot.DataDir, "branchbot.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
