using BranchBot.Domain;
using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

/// <summary>
/// The tab in headless Chromium against the built bot with the demo branch, signed in through the local sign-in page
/// as a committee member, a group leader and a student; screenshots at desktop and phone widths in artifacts/e2e/tab/.
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
    public async Task Leader_Dashboard_ShowsOnlyTheirGroup()
    {
        var leader = await ScalarAsync("SELECT Id FROM Members WHERE (Roles & 32) <> 0 AND (Roles & 31) = 0 ORDER BY Id LIMIT 1");
        var group = await ScalarAsync($"SELECT GroupId FROM Members WHERE Id = {leader}");
        var page = await SignInAsync(leader, "leader");

        Assert.Equal(1, await page.Locator("tr[data-row^=group-]").CountAsync());
        Assert.Equal(1, await page.Locator($"tr[data-row=group-{group}]").CountAsync());
        Assert.Equal(await ScalarAsync($"SELECT COUNT(*) FROM Members WHERE GroupId = {group}"), int.Parse(await page.Locator("[data-kpi=people] b").InnerTextAsync()));
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

    private async Task<int> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_bot.DataDir, "branchbot.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
