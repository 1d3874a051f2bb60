using System.Globalization;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    // The full computation, pinned: every obligation job's plan over the job's window is its plan over every fact since
    // ChaseFrom (what the jobs read before the window, BranchSnapshot.LoadEveryFactAsync), for every day from 20 October
    // 2026 to 15 January 2027 at 08:00 and 10:00 (before and after the reminder and summary times), with the configured
    // catch-up: the same messages (recipient, kind, period, step, subject), due at the same instant, with the same card.
    // Besides the history: a committee member (the committee's summary on the 1st), the National Day holiday moving the
    // due dates of September and the third quarter to 9 October (so the quarter stays open until 9 January, not 31
    // December), a development target whose introducer owes quarterly talks, a probationary member who hands in no branch
    // report and whose second quarter's was extended to 5 December (the quarter closed on 30 September), and A5, who
    // handed in nothing since September.
    [Fact]
    public async Task Plans_EveryDayAcrossTheWindowEdges_SameAsWithEveryFactSinceChaseFrom()
    {
        await using var h = await ReminderHarness.StartAsync(settings: Settings);
        var b = await HistoryAsync(h);
        await b.MemberAsync("C1", Stage.Full, roles: Roles.Committee, stageSince: new DateOnly(2020, 6, 1));
        await b.MemberAsync("D1", Stage.DevelopmentTarget, mentors: ["L1"], stageSince: new DateOnly(2025, 6, 1));
        await b.MemberAsync("P1", Stage.Probationary, stageSince: new DateOnly(2025, 12, 1));
        await b.MemberAsync("A5", Stage.Activist, mentors: ["L1"], stageSince: new DateOnly(2025, 1, 1));
        for (var month = new DateOnly(2025, 1, 1); month < new DateOnly(2026, 11, 1); month = month.AddMonths(1))
        {
            var key = Period.Containing(Cadence.Monthly, month).Key;
            if (month >= new DateOnly(2025, 12, 1)) await b.SubmitAsync("P1", ObligationKind.ThoughtReport, key, h.Local(month.Year, month.Month, 18, 12));
            if (month < new DateOnly(2026, 9, 1)) await b.SubmitAsync("A5", ObligationKind.ThoughtReport, key, h.Local(month.Year, month.Month, 25, 12));
        }
        await using (var db = h.Db())
        {
            db.CalendarSpans.Add(new CalendarSpan(SpanKind.NationalDay, new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 8)));
            var extension = new Extension(b["P1"].Id, ObligationKind.BranchReport, Period.Parse("2026-Q2"), new DateOnly(2026, 12, 5), "实习", h.Local(2026, 9, 20, 10));
            extension.Decide(approve: true, b["L1"].Id, h.Local(2026, 9, 21, 10));
            db.Extensions.Add(extension);
            await db.SaveChangesAsync();
        }
        var options = h.Services.GetRequiredService<IOptions<BranchOptions>>().Value;
        var reminders = h.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        var planned = 0;
        var narrower = 0;

        for (var day = new DateOnly(2026, 10, 20); day <= new DateOnly(2027, 1, 15); day = day.AddDays(1))
        {
            foreach (var hour in new[] { 8, 10 })
            {
                var asOf = h.Local(day.Year, day.Month, day.Day, hour);
                BranchSnapshot job, full;
                await using (var db = h.Db())
                {
                    job = await BranchSnapshot.LoadAsync(db, options, h.Time, asOf, SnapshotParts.Obligations, reminders.CatchUpDays, CancellationToken.None);
                    full = await BranchSnapshot.LoadEveryFactAsync(db, options, h.Time, asOf, CancellationToken.None);
                }
                if (job.Window.Earliest > full.Window.Earliest || job.Window.From(Cadence.Monthly) > full.Window.From(Cadence.Monthly)) narrower++;
                foreach (var (name, plan) in Plans)
                {
                    var expected = Render(plan(full, asOf, reminders));
                    // One string per job and run, so that a difference names the job and the instant.
                    Assert.Equal(string.Join('\n', [$"{name} {asOf:o}", .. expected]), string.Join('\n', [$"{name} {asOf:o}", .. Render(plan(job, asOf, reminders))]));
                    planned += expected.Length;
                }
            }
        }
        Assert.True(narrower > 100, $"the job's window was narrower than the full read on only {narrower} runs");
        Assert.True(planned > 100, $"only {planned} planned messages compared");

        static string[] Render(IReadOnlyList<StepGroup> groups) =>
            [.. groups.Select(g => string.Join(" | ", g.Due.Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.DueAt:o} {p.Obligation?.DueDate:yyyy-MM-dd} {p.Build("card", Language.ZhCn).ToJson()}"))))
                .Order(StringComparer.Ordinal)];
    }

    private static readonly (string Name, Func<BranchSnapshot, DateTimeOffset, ReminderOptions, IReadOnlyList<StepGroup>> Plan)[] Plans =
    [
        (MonthlyRemindersJob.JobId, (s, at, o) => ReminderPlanner.Reminders(s, at, new HashSet<Cadence> { Cadence.Monthly })),
        (QuarterlyRemindersJob.JobId, (s, at, o) => ReminderPlanner.Reminders(s, at, new HashSet<Cadence> { Cadence.Quarterly, Cadence.HalfYearly })),
        (OverdueNoticesJob.JobId, (s, at, o) => ReminderPlanner.OverdueNotices(s, at, o.CatchUpDays)),
        (LeaderSummariesJob.JobId, (s, at, o) => ReminderPlanner.LeaderSummaries(s, at, o.SummaryTime, o.CatchUpDays)),
        (CommitteeSummaryJob.JobId, (s, at, o) => ReminderPlanner.CommitteeSummaries(s, at, o.SummaryTime, o.CatchUpDays)),
    ];
}
