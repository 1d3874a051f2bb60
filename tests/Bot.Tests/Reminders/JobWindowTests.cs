using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Tests.Reminders;

// The jobs read only the facts of what may still be open (FactWindow.StillOpen), not the whole history: on a branch
// whose history reaches back well beyond that window, every job sends what it sent when it read everything since
// the tracking start, once. A1 has handed in every month but October 2026 (overdue since 1 November, still chased in
// November); A2 every month, and March 2026 was extended to 2 December (its month closed long ago, its due date
// has not come); A3 missed all of 2025 (closed, never chased again) and excused October.
public sealed class JobWindowTests
{
    private static async Task<BranchBuilder> HistoryAsync(ReminderHarness h)
    {
        var b = new BranchBuilder(h);
        await b.MemberAsync("L1", Stage.Full, roles: Roles.GroupLeader, stageSince: new DateOnly(2020, 6, 1));
        await b.MemberAsync("A1", Stage.Activist, stageSince: new DateOnly(2025, 1, 1));
        await b.MemberAsync("A2", Stage.Activist, stageSince: new DateOnly(2025, 1, 1));
        await b.MemberAsync("A3", Stage.Activist, stageSince: new DateOnly(2025, 1, 1));
        for (var month = new DateOnly(2025, 1, 1); month < new DateOnly(2026, 11, 1); month = month.AddMonths(1))
        {
            var key = Period.Containing(Cadence.Monthly, month).Key;
            var at = h.Local(month.Year, month.Month, 20, 12);
            if (month != new DateOnly(2026, 10, 1)) await b.SubmitAsync("A1", ObligationKind.ThoughtReport, key, at);
            if (month != new DateOnly(2026, 3, 1)) await b.SubmitAsync("A2", ObligationKind.ThoughtReport, key, at);
            if (month.Year == 2026 && month.Month != 10) await b.SubmitAsync("A3", ObligationKind.ThoughtReport, key, at);
        }
        await b.ExcuseAsync("A3", ObligationKind.ThoughtReport, "2026-10", h.Local(2026, 10, 5, 10));
        await using var db = h.Db();
        var extension = new Extension(b["A2"].Id, ObligationKind.ThoughtReport, Period.Parse("2026-03"), new DateOnly(2026, 12, 2), "出国交流", h.Local(2026, 3, 25, 10));
        extension.Decide(approve: true, b["L1"].Id, h.Local(2026, 3, 26, 10));
        db.Extensions.Add(extension);
        await db.SaveChangesAsync();
        return b;
    }

    private static Dictionary<string, string?> Settings => new() { ["Branch:TrackingStartsOn"] = "2025-01-01" };

    private static async Task<string[]> SentAsync(ReminderHarness h, BranchBuilder b) =>
        [.. (await h.LedgerAsync()).Where(d => d.Status == ReminderDeliveryStatus.Sent)
            .Select(d => $"{b.Number(d.MemberId)} {d.Kind} {d.Period.Key} {d.Step}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task OverdueNotices_OverdueBeforeTheMonthlyWindowStarts_NoticedOnce()
    {
        await using var h = await ReminderHarness.StartAsync(settings: Settings);
        var b = await HistoryAsync(h);

        await h.RunAsync(OverdueNoticesJob.JobId, h.Local(2026, 11, 1, 9, 0));
        await h.RunAsync(OverdueNoticesJob.JobId, h.Local(2026, 11, 3, 9, 0));

        Assert.Equal(["A1 ThoughtReport 2026-10 overdue"], await SentAsync(h, b));
        Assert.Single(h.Connector.Delivered);
    }

    // A4 joins the history with October extended to 17 December: on 10 December October is closed for everyone else, so
    // only the extension keeps it in the window; its reminder 7 days before the new due date is what the job sent before.
    [Fact]
    public async Task MonthlyReminders_ExtensionOfAPeriodOtherwiseClosed_RemindedBeforeItsNewDueDateOnce()
    {
        await using var h = await ReminderHarness.StartAsync(settings: Settings);
        var b = await HistoryAsync(h);
        await b.MemberAsync("A4", Stage.Activist, stageSince: new DateOnly(2025, 1, 1));
        for (var month = new DateOnly(2025, 1, 1); month < new DateOnly(2026, 12, 1); month = month.AddMonths(1))
            if (month != new DateOnly(2026, 10, 1))
                await b.SubmitAsync("A4", ObligationKind.ThoughtReport, Period.Containing(Cadence.Monthly, month).Key, h.Local(month.Year, month.Month, 20, 12));
        foreach (var number in new[] { "A1", "A2", "A3" })
            await b.SubmitAsync(number, ObligationKind.ThoughtReport, "2026-11", h.Local(2026, 11, 10, 12));
        await using (var db = h.Db())
        {
            var extension = new Extension(b["A4"].Id, ObligationKind.ThoughtReport, Period.Parse("2026-10"), new DateOnly(2026, 12, 17), "实习", h.Local(2026, 10, 25, 10));
            extension.Decide(approve: true, b["L1"].Id, h.Local(2026, 10, 26, 10));
            db.Extensions.Add(extension);
            await db.SaveChangesAsync();
        }

        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 12, 10, 9, 0));
        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 12, 10, 10, 0));

        Assert.Equal(["A4 ThoughtReport 2026-10 remind-7d-20261217"], await SentAsync(h, b));
        Assert.Single(h.Connector.Delivered);
    }

    [Fact]
    public async Task LeaderSummaries_HistoryBeyondTheWindow_ListsWhatIsOpenAsBefore()
    {
        await using var h = await ReminderHarness.StartAsync(settings: Settings);
        var b = await HistoryAsync(h);

        await h.RunAsync(LeaderSummariesJob.JobId, h.Local(2026, 11, 30, 9, 0));
        await h.RunAsync(LeaderSummariesJob.JobId, h.Local(2026, 11, 30, 15, 0));

        Assert.Equal(["L1 ThoughtReport 2026-11 leader-2026-11-30"], await SentAsync(h, b));
        var card = Assert.Single(h.Connector.Delivered).Text;
        Assert.Contains("已逾期（1）", card, StringComparison.Ordinal);    // A1's October
        Assert.Contains("即将到期（3）", card, StringComparison.Ordinal);  // three people: November for A1, A2, A3
        Assert.Contains("成员A2：思想汇报 2 项，最早 2026年3月", card, StringComparison.Ordinal);  // and A2's March, extended to 2 December
        Assert.DoesNotContain("2025年", card, StringComparison.Ordinal);
    }
}
