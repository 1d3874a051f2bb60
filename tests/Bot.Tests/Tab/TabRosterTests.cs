using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Tests.Features.Roster;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Tab;

/// <summary>The tab's roster upload: committee only, CSRF-protected, bounded, a report before anything is written.</summary>
public sealed partial class TabRosterTests
{
    private static async Task<HttpResponseMessage> UploadAsync(TabTestHost tab, byte[] file, string name = "roster.xlsx", bool withAntiforgery = true, string? tokenFrom = null)
    {
        var token = await tab.AntiforgeryTokenAsync(tokenFrom ?? "/tab/roster");
        var content = new MultipartFormDataContent();
        if (withAntiforgery) content.Add(new StringContent(token), "__RequestVerificationToken");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", name);
        return await tab.Client.PostAsync("/tab/roster/preview", content);
    }

    // The apply form of a preview page: its hidden fields as the browser posts them.
    private static Dictionary<string, string> ApplyForm(string html)
    {
        var form = Regex.Match(html, "<form method=\"post\" action=\"/tab/roster/apply\"[\\s\\S]*?</form>").Value;
        Assert.NotEmpty(form);
        return Hidden().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    private static async Task<List<string>> StudentNumbersAsync(TabTestHost tab)
    {
        using var scope = tab.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BranchDbContext>().Members.Select(m => m.StudentNumber).OrderBy(n => n).ToListAsync();
    }

    [Fact]
    public async Task UploadThenApply_Xlsx_ShowsTheReportWritesNothingUntilAppliedThenWritesIt()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        var before = await StudentNumbersAsync(tab);

        using var preview = await UploadAsync(tab, new RosterFileBuilder().Set("2022001", "联系人", "").Xlsx("某某支部党员名单"));
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("data-report=\"added\" data-count=\"6\"", html, StringComparison.Ordinal);
        Assert.Contains("data-report=\"leaving\" data-count=\"4\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-student=\"2022003\">", html, StringComparison.Ordinal);
        Assert.Contains("data-report=\"warnings\" data-count=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-row=\"6\">", html, StringComparison.Ordinal); // the activist without a mentor, below the title and the header
        Assert.Equal(before, await StudentNumbersAsync(tab));

        using var applied = await tab.Client.PostAsync("/tab/roster/apply", new FormUrlEncodedContent(ApplyForm(html)));

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains("已导入：新增 6 人", await applied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(10, (await StudentNumbersAsync(tab)).Count);
        Assert.Contains("2022003", await StudentNumbersAsync(tab));
    }

    [Fact]
    public async Task Apply_RosterChangedSinceThePreview_IsRefusedSayingSoAndWritesNothing()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        using var preview = await UploadAsync(tab, new RosterFileBuilder().Bytes(), "roster.csv");
        var form = ApplyForm(await preview.Content.ReadAsStringAsync());
        using (var scope = tab.Host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
            db.Members.Add(new Member("S003", "赵同学", tab.GroupId, Stage.Activist, new DateOnly(2026, 3, 1)));
            await db.SaveChangesAsync();
        }

        using var applied = await tab.Client.PostAsync("/tab/roster/apply", new FormUrlEncodedContent(form));
        var html = await applied.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, applied.StatusCode);
        Assert.Contains(RosterReport.Problem(new RosterProblem(0, null, RosterProblemCode.RosterChangedSincePreview), Language.ZhCn), html, StringComparison.Ordinal);
        Assert.Equal(5, (await StudentNumbersAsync(tab)).Count);
    }

    [Fact]
    public async Task Apply_AnotherFileThanThePreviewed_IsRefusedAndWritesNothing()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        using var preview = await UploadAsync(tab, new RosterFileBuilder().Bytes(), "roster.csv");
        var form = ApplyForm(await preview.Content.ReadAsStringAsync());
        form["file"] = Convert.ToBase64String(new RosterFileBuilder().Remove("2022003").Bytes());

        using var applied = await tab.Client.PostAsync("/tab/roster/apply", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Conflict, applied.StatusCode);
        Assert.Equal(4, (await StudentNumbersAsync(tab)).Count);
    }

    public static TheoryData<string, byte[], string> NotRosters() => new()
    {
        { "notes.txt", Encoding.UTF8.GetBytes("购物清单\n苹果,香蕉\n牛奶,面包\n"), "这不是名单文件" },
        { "broken.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "xlsx" },
        { "rows.csv", new RosterFileBuilder().Set("2019001", "阶段", "群众").Bytes(), "第 2 行" },
    };

    [Theory]
    [MemberData(nameof(NotRosters))]
    public async Task Upload_FileThatIsNotAGoodRoster_IsRefusedWithTheReasonAndWritesNothing(string name, byte[] file, string expected)
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);

        using var response = await UploadAsync(tab, file, name);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("data-notice=\"rejected\"", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/tab/roster/apply", html, StringComparison.Ordinal);
        Assert.Equal(4, (await StudentNumbersAsync(tab)).Count);
    }

    [Fact]
    public async Task Upload_ByACommitteeMemberReadingTraditionalChinese_GivesTheReportInTraditionalChinese()
    {
        await using var tab = await TabTestHost.StartAsync();
        using (var scope = tab.Host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
            var now = DateTimeOffset.UnixEpoch;
            db.TeamsUsers.Add(new TeamsUser
            {
                AadObjectId = "oid-committee", TeamsUserId = "29:committee", TenantId = "", ServiceUrl = "https://smba.test/", ConversationId = "a:committee",
                ConversationReferenceJson = "{}", MemberId = tab.CommitteeId, ClientLocale = "zh-TW", InstalledAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        }
        await tab.SignInLocallyAsync(tab.CommitteeId);

        using var response = await UploadAsync(tab, new RosterFileBuilder().Set("2019001", "阶段", "群众").Bytes(), "rows.csv");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("第 2 列，階段：無法識別的階段「群众」", html, StringComparison.Ordinal);
        Assert.DoesNotContain("无法识别", html, StringComparison.Ordinal);
        Assert.Equal(4, (await StudentNumbersAsync(tab)).Count);
    }

    [Fact]
    public async Task Upload_OverTheSizeBound_IsRefusedSayingTheLimitBeforeTheBodyIsRead()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);

        using var response = await UploadAsync(tab, new byte[RosterImport.MaxFileBytes + 100_000], "big.xlsx");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("文件太大：名单文件不能超过 2 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, (await StudentNumbersAsync(tab)).Count);
    }

    [Fact]
    public async Task UploadAndApply_WithoutTheAntiforgeryToken_Are400()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        using var preview = await UploadAsync(tab, new RosterFileBuilder().Bytes(), "roster.csv");
        var form = ApplyForm(await preview.Content.ReadAsStringAsync());
        form.Remove("__RequestVerificationToken");

        using var upload = await UploadAsync(tab, new RosterFileBuilder().Bytes(), "roster.csv", withAntiforgery: false);
        using var apply = await tab.Client.PostAsync("/tab/roster/apply", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, apply.StatusCode);
        Assert.Equal(4, (await StudentNumbersAsync(tab)).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryRosterEndpoint_ForALeaderOrAStudent_Is403AndWritesNothing(bool leader)
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        using var preview = await UploadAsync(tab, new RosterFileBuilder().Bytes(), "roster.csv");
        var form = ApplyForm(await preview.Content.ReadAsStringAsync());
        var who = leader ? tab.LeaderId : tab.StudentId;
        await tab.SignInLocallyAsync(who);
        form["__RequestVerificationToken"] = await tab.AntiforgeryTokenAsync($"/tab/people/{who}");

        using var get = await tab.Client.GetAsync("/tab/roster");
        using var export = await tab.Client.GetAsync("/tab/roster/export?format=xlsx");
        using var upload = await UploadAsync(tab, new RosterFileBuilder().Bytes(), "roster.csv", tokenFrom: $"/tab/people/{who}");
        using var apply = await tab.Client.PostAsync("/tab/roster/apply", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apply.StatusCode);
        Assert.Equal(4, (await StudentNumbersAsync(tab)).Count);
    }

    [Fact]
    public async Task Export_ByTheCommittee_GivesTheRosterThatImportsUnchanged()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);

        using var xlsx = await tab.Client.GetAsync("/tab/roster/export?format=xlsx");
        using var preview = await UploadAsync(tab, await xlsx.Content.ReadAsByteArrayAsync());
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Contains("data-report=\"unchanged\" data-count=\"4\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-report=\"added\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex Hidden();
}
