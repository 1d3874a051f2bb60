using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;
using static BranchBot.Bot.Tests.Features.Export.YearlyExportSamples;

namespace BranchBot.Bot.Tests.Features.Export;

/// <summary>
/// The yearly export from the chat: the typed command and its card, the download link it answers with, and the
/// download endpoint, which builds the file only for a token we made, before it expires, for a person the roster
/// (as it is at download) still allows that scope.
/// </summary>
public sealed class YearlyExportJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync();
        await _bed.InstallAsync(Secretary, Leader, Student);
        await SeedMeetingsAsync(_bed);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<JsonElement> FormAsync(Person person, string text = "年度导出", string locale = "zh-CN") =>
        (await _bed.SayAsync(person, text, locale)).Single(person).Card();

    /// <summary>Fills the form as the client would and submits it; returns the link the answer card opens.</summary>
    private async Task<Uri> LinkAsync(Person person, string scope, string format = nameof(ExportFormat.Xlsx), string year = "2026")
    {
        var form = await FormAsync(person);
        var turned = await _bed.SubmitAsync(person, "form", Fill(form, scope, format, year));
        var answer = Assert.Single(turned.Calls, c => c.Method == "PUT").Card();
        var open = Assert.Single(answer.GetProperty("actions").EnumerateArray(), a => a.GetProperty("type").GetString() == "Action.OpenUrl");
        return new Uri(open.GetProperty("url").GetString()!);
    }

    private static JsonObject Fill(JsonElement form, string scope, string format = nameof(ExportFormat.Xlsx), string year = "2026") =>
        form.SubmitData(Verbs.ExportYearly)
            .With(YearlyExportCard.YearInput, year)
            .With(YearlyExportCard.FormatInput, format)
            .With(YearlyExportCard.ScopeInput, scope);

    private async Task<HttpResponseMessage> DownloadAsync(Uri link, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return await _bed.Host.Client.SendAsync(request);
    }

    private static async Task<IReadOnlyList<XlsxSheetText>> WorkbookAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return Xlsx.Read(stream);
    }

    private static IEnumerable<string> Choices(JsonElement card, string input) =>
        CardInputs.Of(card).Single(i => i.GetProperty("id").GetString() == input).GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()!);

    private async Task<int> GroupIdAsync(string name)
    {
        await using var db = _bed.Database();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    private DownloadLinks Links => _bed.Host.Services.GetRequiredService<DownloadLinks>();

    [Fact]
    public async Task YearlyExport_TheSecretary_GetsALinkWhoseWorkbookReadsBackWithTheBranchsFigures()
    {
        var link = await LinkAsync(Secretary, YearlyExportCard.BranchScope);

        using var response = await DownloadAsync(link);
        var sheets = await WorkbookAsync(response);
        Assert.Equal(["支部", "第一小组", "第二小组"], sheets.Select(s => s.Name));
        Assert.Equal("1", Figure(sheets[0], "党员大会：召开次数"));
        Assert.Equal("3", Figure(sheets[0], "党员大会：缺席人次"));
        Assert.Equal("1", Figure(sheets[0], "党小组会：第一小组"));
        Assert.Equal(["2", "0", "1", "1"], MeetingColumns(sheets[1], Mentor));
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(DownloadLinks.Route.Trim('/'), link.Segments[1].Trim('/'));
    }

    [Fact]
    public async Task YearlyExport_AsCsvInEnglish_DownloadsTheSameRowsAsOneFile()
    {
        var form = await FormAsync(Secretary, "yearly export", "en-US");
        var answer = Assert.Single((await _bed.SubmitAsync(Secretary, "form", Fill(form, YearlyExportCard.BranchScope, nameof(ExportFormat.Csv)))).Calls, c => c.Method == "PUT").Card();
        var link = new Uri(answer.GetProperty("actions")[0].GetProperty("url").GetString()!);

        using var response = await DownloadAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Contains("Branch,Meetings,Held: general meeting,1", lines);
        Assert.Contains("The 2026 yearly export is ready", answer.GetRawText());
    }

    [Fact]
    public async Task YearlyExport_TypedWithAYear_PreselectsItAndAYearOutOfRangeIsRefusedWithTheRange()
    {
        var form = await FormAsync(Secretary, "年度导出 2024");
        var refused = await _bed.SayAsync(Secretary, "年度导出 1999");

        var year = CardInputs.Of(form).Single(i => i.GetProperty("id").GetString() == YearlyExportCard.YearInput);
        Assert.Equal("2024", year.GetProperty("value").GetString());
        Assert.Equal(["2026", "2025", "2024", "2023", "2022"], Choices(form, YearlyExportCard.YearInput));
        Assert.Contains("2022 年到 2026 年", refused.Single(Secretary).Text());
    }

    [Fact]
    public async Task YearlyExport_AStudent_IsRefusedTheCommandAndTheSubmitWithTheReason()
    {
        var typed = await _bed.SayAsync(Student, "年度导出");
        var committeeForm = await FormAsync(Secretary);
        var submitted = await _bed.SubmitAsync(Student, "form", Fill(committeeForm, YearlyExportCard.BranchScope));

        Assert.Contains("只对支委", typed.Single(Student).Text());
        Assert.False(typed.Single(Student).HasCard());
        Assert.Contains("只对支委", submitted.Single(Student).Text());
        Assert.DoesNotContain(submitted.Calls, c => c.Method == "PUT");
    }

    [Fact]
    public async Task YearlyExport_AGroupLeader_IsOfferedOnlyTheirGroupRefusedTheBranchAndDownloadsTheirSheet()
    {
        var first = await GroupIdAsync("第一小组");
        var form = await FormAsync(Leader);
        var branch = await _bed.SubmitAsync(Leader, "form", Fill(form, YearlyExportCard.BranchScope));
        var other = await _bed.SubmitAsync(Leader, "form", Fill(form, YearlyExportCard.GroupScope(await GroupIdAsync("第二小组"))));

        Assert.Equal([YearlyExportCard.GroupScope(first)], Choices(form, YearlyExportCard.ScopeInput));
        Assert.Contains("只对支委", branch.Single(Leader).Text());
        Assert.Contains("只对支委", other.Single(Leader).Text());
        using var response = await DownloadAsync(await LinkAsync(Leader, YearlyExportCard.GroupScope(first)));
        var sheet = Assert.Single(await WorkbookAsync(response));
        Assert.Equal("第一小组", sheet.Name);
        Assert.Equal("1", Figure(sheet, "党小组会：召开次数"));
    }

    [Fact]
    public async Task Download_AfterTheLinkExpired_IsRefusedAsGoneWithTheTimeItExpired()
    {
        var link = await LinkAsync(Secretary, YearlyExportCard.BranchScope);
        _bed.Time.Advance(TimeSpan.FromMinutes(29));
        using (var inTime = await DownloadAsync(link)) Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);

        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        using var late = await DownloadAsync(link);

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("已于 2026年11月19日 10:30 过期", await late.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Download_ATokenWeDidNotMake_IsRefusedAsNotFoundInTheBrowsersLanguage(string token)
    {
        using var response = await DownloadAsync(new Uri("http://localhost" + DownloadLinks.Route + token), "en-US,en;q=0.9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This download link is not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Download_AnAlteredTokenOrOneProtectedForAnotherPurpose_IsRefused()
    {
        var link = await LinkAsync(Secretary, YearlyExportCard.BranchScope);
        var token = Uri.UnescapeDataString(link.Segments[^1]);
        var altered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        var secretary = await MemberIdAsyncOf(Secretary);
        var ticket = JsonSerializer.Serialize(new DownloadTicket(secretary, 2026, ExportFormat.Xlsx, null, Language.ZhCn, _bed.Time.GetUtcNow().AddHours(1)));
        var otherPurpose = _bed.Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("BranchBot.SomethingElse").Protect(ticket);

        foreach (var forged in new[] { altered, otherPurpose })
        {
            using var response = await DownloadAsync(new Uri("http://localhost" + DownloadLinks.Route + Uri.EscapeDataString(forged)));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("下载链接无效", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Download_ATokenNamingAnotherPersonWhoMayNotExportThatScope_IsRefusedAsForbidden()
    {
        var expires = _bed.Time.GetUtcNow().AddMinutes(10);
        var student = Links.Protect(new DownloadTicket(await MemberIdAsyncOf(Student), 2026, ExportFormat.Xlsx, null, Language.ZhCn, expires));
        var leaderOtherGroup = Links.Protect(new DownloadTicket(await MemberIdAsyncOf(Leader), 2026, ExportFormat.Xlsx, await GroupIdAsync("第二小组"), Language.ZhCn, expires));

        foreach (var token in new[] { student, leaderOtherGroup })
        {
            using var response = await DownloadAsync(Links.LinkFor(token) ?? new Uri("http://localhost" + DownloadLinks.Route + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("已无权导出", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Download_ALeaderWhoLostTheOfficeSinceTheLinkWasMade_IsRefusedByTheRosterAsItIsNow()
    {
        var link = await LinkAsync(Leader, YearlyExportCard.GroupScope(await GroupIdAsync("第一小组")));
        await using (var db = _bed.Database())
        {
            var leader = await db.Members.SingleAsync(m => m.StudentNumber == Leader.StudentNumber);
            leader.Update(leader.Name, leader.GroupId, Roles.None, leader.Email);
            await db.SaveChangesAsync();
        }

        using var response = await DownloadAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<int> MemberIdAsyncOf(Person person) => _bed.MemberIdAsync(person);
}
