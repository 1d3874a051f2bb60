using System.Net;
using BranchBot.Bot.Tab;
using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Tab;

/// <summary>
/// The dashboard's Party dues part against facts made here: the committee sees the branch's November and October
/// (paid of owing, collected of expected in exact yuan, the remittance) and the unpaid people linked to their pages; a
/// leader sees only their group's members, paid or not, without yuan or remittance; a student never reaches it.
/// </summary>
public sealed class TabDuesTests
{
    private static readonly Period November = new(Cadence.Monthly, 2026, 11);
    private static readonly Period October = new(Cadence.Monthly, 2026, 10);
    private const string Receipt = "<b>上级-10</b>";

    [Fact]
    public async Task Committee_Dashboard_ShowsTheBranchsDuesFromTheLedger()
    {
        await using var tab = await TabTestHost.StartAsync();
        var outsider = await SeedDuesAsync(tab);
        await tab.SignInLocallyAsync(tab.CommitteeId);

        var html = await tab.Client.GetStringAsync("/tab");
        using var person = await tab.Client.GetAsync($"/tab/people/{outsider}");

        // Owing: the secretary (¥1.20), the leader (¥0.50) and the second group's full member (¥0.30); the activists do not owe.
        Assert.Contains("data-dues-month=\"2026-11\" data-paid=\"1\" data-owing=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains("data-collected=\"1.20\" data-expected=\"2.00\">¥1.20 / ¥2.00</td><td data-remitted=\"\">尚未上缴</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-dues-month=\"2026-10\" data-paid=\"2\" data-owing=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-collected=\"1.70\" data-expected=\"2.00\">¥1.70 / ¥2.00</td><td data-remitted=\"1.70\">已上缴 ¥1.70（收据 {Html.Encode(Receipt)}，", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Receipt, html, StringComparison.Ordinal);
        Assert.Contains("data-dues-unpaid=\"2026-11\" data-count=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains($"<li data-unpaid=\"{tab.LeaderId}\"><a href=\"/tab/people/{tab.LeaderId}\">李组长</a></li>", html, StringComparison.Ordinal);
        Assert.Contains($"<li data-unpaid=\"{outsider}\"><a href=\"/tab/people/{outsider}\">赵党员</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("data-dues-unpaid=\"2026-10\" data-count=\"1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-unpaid=\"{tab.CommitteeId}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
    }

    [Fact]
    public async Task Leader_Dashboard_ShowsOnlyTheirGroupsPaidAndUnpaid_NoYuanNoRemittance()
    {
        await using var tab = await TabTestHost.StartAsync();
        var outsider = await SeedDuesAsync(tab);
        await tab.SignInLocallyAsync(tab.LeaderId);

        var html = await tab.Client.GetStringAsync("/tab");

        Assert.Contains("data-dues-month=\"2026-11\" data-paid=\"1\" data-owing=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("data-dues-month=\"2026-10\" data-paid=\"2\" data-owing=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains($"<li data-unpaid=\"{tab.LeaderId}\">", html, StringComparison.Ordinal);
        Assert.Contains("data-dues-unpaid=\"2026-10\" data-count=\"0\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("赵党员", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-unpaid=\"{outsider}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-collected", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-remitted", html, StringComparison.Ordinal);
        Assert.DoesNotContain("¥", html, StringComparison.Ordinal);
        Assert.DoesNotContain("上级-10", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Student_Dashboard_RedirectsToOwnPage_WithoutTheDuesPart()
    {
        await using var tab = await TabTestHost.StartAsync();
        await SeedDuesAsync(tab);
        await tab.SignInLocallyAsync(tab.StudentId);

        using var response = await tab.Client.GetAsync("/tab");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal($"/tab/people/{tab.StudentId}", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("data-dues-month", html, StringComparison.Ordinal);
        Assert.DoesNotContain("李组长</a></li>", html, StringComparison.Ordinal);
    }

    // Rates from September for the three full members; November: the secretary paid; October: the secretary and the
    // leader paid and the month was remitted. Returns the second group's full member.
    private static async Task<int> SeedDuesAsync(TabTestHost tab)
    {
        using var scope = tab.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        var outsider = new Member("F002", "赵党员", tab.OtherGroupId, Stage.Full, new DateOnly(2022, 7, 1), email: "zhao@branch.example.edu");
        db.Members.Add(outsider);
        await db.SaveChangesAsync();
        var at = TabTestHost.Now.AddDays(-30);
        var september = new Period(Cadence.Monthly, 2026, 9);
        db.DuesRates.AddRange(
            new DuesRate(tab.CommitteeId, september, 1.20m, tab.CommitteeId, at),
            new DuesRate(tab.LeaderId, september, 0.50m, tab.CommitteeId, at),
            new DuesRate(outsider.Id, september, 0.30m, tab.CommitteeId, at));
        db.DuesPayments.AddRange(
            new DuesPayment(tab.CommitteeId, November, 1.20m, "R-1101", new DateOnly(2026, 11, 5), tab.CommitteeId, at),
            new DuesPayment(tab.CommitteeId, October, 1.20m, "R-1001", new DateOnly(2026, 10, 5), tab.CommitteeId, at),
            new DuesPayment(tab.LeaderId, October, 0.50m, "R-1002", new DateOnly(2026, 10, 6), tab.CommitteeId, at));
        db.DuesRemittances.Add(new DuesRemittance(October, 1.70m, Receipt, new DateOnly(2026, 11, 2), tab.CommitteeId, at));
        await db.SaveChangesAsync();
        return outsider.Id;
    }
}
