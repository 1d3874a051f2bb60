using System.Net;
using BranchBot.Bot.Tab;

namespace BranchBot.Bot.Tests.Tab;

/// <summary>Roles decide what each person sees, on the server: whatever URL a person types.</summary>
public sealed class TabScopeTests
{
    [Fact]
    public async Task Student_OwnPage_ShowsTheirReportInFullWithTheTextEncoded()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.StudentId);

        using var response = await tab.Client.GetAsync($"/tab/people/{tab.StudentId}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Html.Encode(TabTestHost.HostileText), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Student_AnotherPersonsPage_Is404()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.StudentId);

        using var sameGroup = await tab.Client.GetAsync($"/tab/people/{tab.CommitteeId}");
        using var otherGroup = await tab.Client.GetAsync($"/tab/people/{tab.OtherStudentId}");
        using var nobody = await tab.Client.GetAsync("/tab/people/99999");

        Assert.Equal(HttpStatusCode.NotFound, sameGroup.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherGroup.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.DoesNotContain("刘同学", await otherGroup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Student_DashboardAndListsAndFilters_LeadOnlyToTheirOwnPage()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.StudentId);

        using var dashboard = await tab.Client.GetAsync("/tab");
        using var filtered = await tab.Client.GetAsync($"/tab/people?group={tab.OtherGroupId}&month=2026-10");

        Assert.Equal($"/tab/people/{tab.StudentId}", dashboard.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal($"/tab/people/{tab.StudentId}", filtered.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("刘同学", await filtered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tab/exports")]
    [InlineData("/tab/exports/yearly?year=2026&format=csv")]
    [InlineData("/tab/exports/monthly?month=2026-11&format=xlsx")]
    [InlineData("/tab/delivery")]
    [InlineData("/tab/roster")]
    [InlineData("/tab/rules")]
    public async Task Student_FiguresExportsAndCommitteePages_Are403(string path)
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.StudentId);

        using var response = await tab.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Leader_SeesTheirGroupAndMentee_NotTheOtherGroup()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.LeaderId);

        using var dashboard = await tab.Client.GetAsync("/tab");
        using var mentee = await tab.Client.GetAsync($"/tab/people/{tab.StudentId}");
        using var outsider = await tab.Client.GetAsync($"/tab/people/{tab.OtherStudentId}");
        using var otherGroup = await tab.Client.GetAsync($"/tab/people?group={tab.OtherGroupId}");
        var html = await dashboard.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("第一党小组", html, StringComparison.Ordinal);
        Assert.DoesNotContain("第二党小组", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, mentee.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherGroup.StatusCode);
    }

    [Fact]
    public async Task Leader_YearlyExport_HoldsOnlyTheirGroup()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.LeaderId);

        using var response = await tab.Client.GetAsync("/tab/exports/yearly?year=2026&format=csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("第一党小组", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("第二党小组", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("刘同学", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Committee_Dashboard_CountsTheReportThatWasHandedIn()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);

        var html = await tab.Client.GetStringAsync("/tab");
        using var drill = await tab.Client.GetAsync($"/tab/people?group={tab.GroupId}&kind=ThoughtReport&month=2026-10");
        var people = await drill.Content.ReadAsStringAsync();

        // October: both activists owed a thought report; the first group's was handed in, the second's not.
        Assert.Contains($"data-row=\"kind-ThoughtReport\"><th scope=\"row\">思想汇报</th><td class=\"num\" data-month=\"2026-09\"", html, StringComparison.Ordinal);
        Assert.Contains("data-month=\"2026-10\" data-done=\"1\" data-owed=\"2\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, drill.StatusCode);
        Assert.Contains("data-settled=\"1\" data-owed=\"1\"", people, StringComparison.Ordinal);
        Assert.Contains("张同学", people, StringComparison.Ordinal);
        Assert.DoesNotContain("刘同学", people, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Refused400AndStaysSignedIn()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.SignInLocallyAsync(tab.CommitteeId);

        using var post = await tab.Client.PostAsync("/tab/signout", new FormUrlEncodedContent([]));
        using var after = await tab.Client.GetAsync("/tab");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("/tab", after.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
