using System.Net;
using System.Text.RegularExpressions;
using BranchBot.Bot.Features.Rules;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Tab;

/// <summary>The tab's rules editor: committee only, CSRF-protected, errors next to the fields, every change recorded.</summary>
public sealed partial class TabRulesTests
{
    // The form as the page renders it: every named input and its value (antiforgery token and version included).
    private static async Task<Dictionary<string, string>> FormAsync(TabTestHost tab)
    {
        var html = await tab.Client.GetStringAsync("/tab/rules");
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Input().Matches(html)) form[m.Groups["name"].Value] = WebUtility.HtmlDecode(m.Groups["value"].Value);
        return form;
    }

    private static Task<HttpResponseMessage> PostAsync(TabTestHost tab, Dictionary<string, string> form) =>
        tab.Client.PostAsync("/tab/rules", new FormUrlEncodedContent(form));

    private static async Task<(Policy Policy, List<PolicyChange> Changes)> StoredAsync(TabTestHost tab)
    {
        using var scope = tab.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        var json = await db.BranchSettings.Select(s => s.PolicyJson).FirstOrDefaultAsync();
        return (json is null ? Policy.Default : Policy.FromJson(json), await db.PolicyChanges.OrderBy(c => c.Version).ToListAsync());
    }

    [Fact]
    public async Task Post_ValidValues_StoresThemRecordsWhoAndWhenAndShowsTheConfirmationAndHistory()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        var form = await FormAsync(tab);
        form[PolicyEdit.GroupPerMonthInput] = "3";
        form[PolicyCard.TimeInputPrefix + "0"] = "20:00";

        using var response = await PostAsync(tab, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/tab/rules", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-notice=\"saved\"", html, StringComparison.Ordinal);
        Assert.Contains("已保存为第 1 版", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-version=\"1\">", html, StringComparison.Ordinal);
        Assert.Contains("党小组会：每月次数: 2 → 3", html, StringComparison.Ordinal);
        Assert.Contains("王书记", html, StringComparison.Ordinal);
        var (policy, changes) = await StoredAsync(tab);
        Assert.Equal(3, policy.Meetings.GroupPerMonth);
        Assert.Equal(new TimeOnly(20, 0), policy.Rules[0].ReminderTime);
        var change = Assert.Single(changes);
        Assert.Equal((1, tab.CommitteeId, TabTestHost.Now), (change.Version, change.ChangedById, change.ChangedAt));
    }

    [Fact]
    public async Task Post_BadValues_ShowsEachErrorNextToItsFieldKeepsWhatWasTypedAndStoresNothing()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        var form = await FormAsync(tab);
        form[PolicyEdit.PassMarkInput] = "<b>101</b>";
        form[PolicyCard.GraceInputPrefix + "1"] = "93";
        form[PolicyEdit.GroupPerMonthInput] = "4";

        using var response = await PostAsync(tab, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("有 2 处需要修改", html, StringComparison.Ordinal);
        Assert.Matches($"id=\"{PolicyEdit.PassMarkInput}\" name=\"{PolicyEdit.PassMarkInput}\" value=\"&lt;b&gt;101&lt;/b&gt;\"[^>]*aria-invalid=\"true\"[^>]*><span class=\"field-error\"[^>]*>0 至 100 之间的分数", html);
        Assert.Matches($"name=\"{PolicyCard.GraceInputPrefix}1\" value=\"93\"[^>]*aria-invalid=\"true\"[^>]*><span class=\"field-error\"[^>]*>0 至 92 之间的整数", html);
        Assert.Contains($"name=\"{PolicyEdit.GroupPerMonthInput}\" value=\"4\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>101", html, StringComparison.Ordinal);
        var (policy, changes) = await StoredAsync(tab);
        Assert.Equal(Policy.Default, policy);
        Assert.Empty(changes);
    }

    [Fact]
    public async Task Post_FromAPageOlderThanTheLastChange_IsRefusedSayingWhoChangedIt()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        var first = await FormAsync(tab);
        var second = await FormAsync(tab);
        first[PolicyCard.ExtensionInput] = "10";
        (await PostAsync(tab, first)).Dispose();
        second[PolicyCard.ExtensionInput] = "20";

        using var stale = await PostAsync(tab, second);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("王书记 已于", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (policy, changes) = await StoredAsync(tab);
        Assert.Equal(10, policy.ExtensionDays);
        Assert.Single(changes);
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_Is400AndStoresNothing()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        var form = await FormAsync(tab);
        form.Remove("__RequestVerificationToken");
        form[PolicyCard.ExtensionInput] = "10";

        using var response = await PostAsync(tab, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await StoredAsync(tab)).Changes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAndPost_ByALeaderOrAStudent_Are403AndStoreNothing(bool leader)
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);
        var form = await FormAsync(tab);
        form[PolicyCard.ExtensionInput] = "10";
        await tab.SignInLocallyAsync(leader ? tab.LeaderId : tab.StudentId);
        form["__RequestVerificationToken"] = await tab.AntiforgeryTokenAsync($"/tab/people/{(leader ? tab.LeaderId : tab.StudentId)}");

        using var get = await tab.Client.GetAsync("/tab/rules");
        using var post = await PostAsync(tab, form);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty((await StoredAsync(tab)).Changes);
    }

    [GeneratedRegex("<input (?:type=\"hidden\" |id=\"[^\"]*\" )?name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Input();
}
