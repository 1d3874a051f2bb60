using Microsoft.EntityFrameworkCore;
using BranchBot.Infrastructure;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Tests.Reminders;

public sealed class ReminderJobsTests
{
    // A1 activist mentored by M1 (group leader), P1 probationary, D1 has handed in November's report, E1 is excused
    // for it, U1 has never opened Teams, C1 is on the committee (second group).
    private static async Task<BranchBuilder> BranchAsync(ReminderHarness h)
    {
        var b = new BranchBuilder(h);
        await b.MemberAsync("M1", Stage.Full, roles: Roles.GroupLeader);
        await b.MemberAsync("A1", Stage.Activist, mentors: ["M1"]);
        await b.MemberAsync("P1", Stage.Probationary);
        await b.MemberAsync("D1", Stage.Activist);
        await b.MemberAsync("E1", Stage.Activist);
        await b.MemberAsync("U1", Stage.Full, teams: false);
        await b.MemberAsync("C1", Stage.Full, group: "第二党小组", roles: Roles.Secretary);
        await b.SubmitAsync("D1", ObligationKind.ThoughtReport, "2026-11", h.Local(2026, 11, 10, 20));
        await b.ExcuseAsync("E1", ObligationKind.ThoughtReport, "2026-11", h.Local(2026, 11, 2, 10));
        return b;
    }

    private static string[] Recipients(ReminderHarness h) =>
        [.. h.Connector.Delivered.Select(c => c.ConversationId.Replace("a:conv-", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task MonthlyReminders_SevenDaysBeforeMonthEndInShanghai_RemindExactlyThoseWhoOweOnce(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var b = await BranchAsync(h);

        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 8, 59));
        Assert.Empty(h.Connector.Calls);

        var first = await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 9, 0));
        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 9, 0));
        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 10, 0));

        Assert.Equal(3, first.Sent);
        Assert.Equal(["A1", "M1", "P1"], Recipients(h));
        var ledger = await h.LedgerAsync();
        Assert.All(ledger, d => Assert.Equal((ReminderDeliveryStatus.Sent, "remind-7d", 1), (d.Status, d.Step, d.Attempts)));
        Assert.Equal([(b["M1"].Id, ObligationKind.Talk, b["A1"].Id), (b["A1"].Id, ObligationKind.ThoughtReport, b["A1"].Id), (b["P1"].Id, ObligationKind.ThoughtReport, b["P1"].Id)],
            ledger.OrderBy(d => d.MemberId).Select(d => (d.MemberId, d.Kind, d.SubjectId)));
        var talk = h.Connector.Delivered.Single(c => c.ConversationId == "a:conv-M1").Text;
        Assert.Contains("\"verb\":\"talk.form\"", talk, StringComparison.Ordinal);
        Assert.Contains("\"mentee\":\"A1\"", talk, StringComparison.Ordinal);
        var report = h.Connector.Delivered.Single(c => c.ConversationId == "a:conv-A1").Text;
        Assert.Contains("\"verb\":\"report.submit\"", report, StringComparison.Ordinal);
        Assert.Contains("还有 7 天截止", report, StringComparison.Ordinal);
        Assert.Contains($"\"cardId\":\"{ledger.Single(d => d.MemberId == b["A1"].Id).Id}\"", report, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task MonthlyReminders_PersonWithoutAChatOpensOneLater_GetsTheDueReminderOnceOnTheNextRun(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var b = new BranchBuilder(h);
        var late = await b.MemberAsync("L1", Stage.Activist, teams: false);

        var before = await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 9, 0));
        await using (var db = h.Db())
        {
            db.TeamsUsers.Add(new TeamsUser
            {
                AadObjectId = "aad-L1", TeamsUserId = "29:L1", TenantId = ReminderHarness.Tenant, ServiceUrl = h.Connector.ServiceUrl,
                ConversationId = "a:conv-L1", ConversationReferenceJson = "", MemberId = late.Id, ClientLocale = "zh-CN",
            });
            await db.SaveChangesAsync();
        }
        var after = await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 10, 0));
        var again = await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 11, 0));

        Assert.Equal((0, 1), (before.Sent, before.NoConversation));
        Assert.Equal((1, 0), (after.Sent, again.Sent));
        Assert.Equal(["L1"], Recipients(h));
        var row = Assert.Single(await h.LedgerAsync());
        Assert.Equal((ReminderDeliveryStatus.Sent, ReminderDispatcher.NowReachableNote), (row.Status, row.Note));
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task MonthlyReminders_FirstRunTheDayBeforeTheDeadline_SendsOnlyTheLatestStepAndSkipsTheMissedOnes(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var b = await BranchAsync(h);

        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 29, 10, 0));
        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 29, 11, 0));

        Assert.Equal(["A1", "M1", "P1"], Recipients(h));
        var a1 = (await h.LedgerAsync()).Where(d => d.MemberId == b["A1"].Id).OrderBy(d => d.Step).Select(d => (d.Step, d.Status));
        Assert.Equal([("remind-1d", ReminderDeliveryStatus.Sent), ("remind-3d", ReminderDeliveryStatus.Skipped), ("remind-7d", ReminderDeliveryStatus.Skipped)], a1);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task QuarterlyReminders_NewYorkAcrossTheQuarterEnd_BranchReportOnLocalTimeThenOverdueNextQuarter(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("America/New_York", provider: provider);
        var b = new BranchBuilder(h);
        await b.MemberAsync("P1", Stage.Probationary);

        // 2026-12-24 09:00 in New York (EST, UTC-5) is 14:00 UTC: seven days before Q4's deadline; then three days before.
        await h.RunAsync(QuarterlyRemindersJob.JobId, new DateTimeOffset(2026, 12, 24, 13, 59, 0, TimeSpan.Zero));
        Assert.Empty(h.Connector.Calls);
        await h.RunAsync(QuarterlyRemindersJob.JobId, new DateTimeOffset(2026, 12, 24, 14, 0, 0, TimeSpan.Zero));
        await h.RunAsync(QuarterlyRemindersJob.JobId, new DateTimeOffset(2026, 12, 28, 13, 59, 0, TimeSpan.Zero));
        Assert.Single(h.Connector.Calls);
        await h.RunAsync(QuarterlyRemindersJob.JobId, new DateTimeOffset(2026, 12, 28, 14, 0, 0, TimeSpan.Zero));
        var rows = await h.LedgerAsync();
        Assert.Equal([("remind-3d", ReminderDeliveryStatus.Sent), ("remind-7d", ReminderDeliveryStatus.Sent)],
            rows.OrderBy(r => r.Step).Select(r => (r.Step, r.Status)));
        Assert.All(rows, r => Assert.Equal((ObligationKind.BranchReport, "2026-Q4"), (r.Kind, r.Period.Key)));

        // The quarter is over: nothing more before the deadline, and the day after it one notice per open duty.
        await h.RunAsync(QuarterlyRemindersJob.JobId, new DateTimeOffset(2027, 1, 1, 14, 0, 0, TimeSpan.Zero));
        await h.RunAsync(OverdueNoticesJob.JobId, new DateTimeOffset(2027, 1, 1, 13, 59, 0, TimeSpan.Zero));
        Assert.Equal(2, h.Connector.Calls.Count);
        await h.RunAsync(OverdueNoticesJob.JobId, new DateTimeOffset(2027, 1, 1, 14, 0, 0, TimeSpan.Zero));
        await h.RunAsync(OverdueNoticesJob.JobId, new DateTimeOffset(2027, 1, 2, 14, 0, 0, TimeSpan.Zero));
        var overdue = (await h.LedgerAsync()).Where(r => r.Step == Steps.Overdue).Select(r => (r.Kind, r.Period.Key, r.Status)).Order();
        Assert.Equal([(ObligationKind.ThoughtReport, "2026-12", ReminderDeliveryStatus.Sent), (ObligationKind.BranchReport, "2026-Q4", ReminderDeliveryStatus.Sent)], overdue);
        Assert.Equal(4, h.Connector.Calls.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OverdueNotices_DayAfterTheMonthEnd_OnlyToThoseStillOwing(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        await BranchAsync(h);

        await h.RunAsync(OverdueNoticesJob.JobId, h.Local(2026, 12, 1, 8, 59));
        Assert.Empty(h.Connector.Calls);
        var run = await h.RunAsync(OverdueNoticesJob.JobId, h.Local(2026, 12, 1, 9, 0));
        await h.RunAsync(OverdueNoticesJob.JobId, h.Local(2026, 12, 2, 9, 0));

        Assert.Equal(3, run.Sent);
        Assert.Equal(["A1", "M1", "P1"], Recipients(h));
        Assert.All(h.Connector.Delivered, c => Assert.Contains("已逾期 1 天（截止日期：2026年11月30日）", c.Text, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task LeaderSummaries_OnMonday_LeaderGetsOverdueDueSoonAndUnreachableOfTheGroup(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        await BranchAsync(h);

        await h.RunAsync(LeaderSummariesJob.JobId, h.Local(2026, 11, 30, 8, 0)); // Monday, before 09:00; Sunday was no summary day
        Assert.Empty(h.Connector.Calls);
        await h.RunAsync(LeaderSummariesJob.JobId, h.Local(2026, 11, 30, 9, 0));
        await h.RunAsync(LeaderSummariesJob.JobId, h.Local(2026, 11, 30, 15, 0));

        var card = Assert.Single(h.Connector.Delivered);
        Assert.Equal("a:conv-M1", card.ConversationId);
        Assert.Contains("即将到期（3）", card.Text, StringComparison.Ordinal);  // A1, P1 reports and M1's talk with A1
        Assert.Contains("成员U1：从未与机器人对话过", card.Text, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"overdue.show\"", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("成员D1", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("成员E1", card.Text, StringComparison.Ordinal);
        Assert.Equal("leader-2026-11-30", Assert.Single(await h.LedgerAsync()).Step);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task CommitteeSummary_OnTheFirst_CommitteeGetsLastMonthsCompletionPerGroup(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        await BranchAsync(h);

        await h.RunAsync(CommitteeSummaryJob.JobId, h.Local(2026, 12, 1, 9, 0));
        await h.RunAsync(CommitteeSummaryJob.JobId, h.Local(2026, 12, 3, 9, 0));

        var card = Assert.Single(h.Connector.Delivered);
        Assert.Equal("a:conv-C1", card.ConversationId);
        Assert.Contains("支部统计 · 2026年11月", card.Text, StringComparison.Ordinal);
        // First group owed 5 for November (4 reports, M1's talk): D1 done, E1 excused.
        Assert.Contains("已完成 1/5（40%），逾期 3，免除 1", card.Text, StringComparison.Ordinal);
        Assert.Equal(("committee", "2026-11"), (await h.LedgerAsync()).Select(d => (d.Step, d.Period.Key)).Single());
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task CommitteeSummary_ACommitteeMemberTransferredOut_IsNotSentIt(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var b = await BranchAsync(h);
        var gone = await b.MemberAsync("C2", Stage.Full, group: "第二党小组", roles: Roles.OrganizationMember);
        await using (var db = h.Db())
        {
            (await db.Members.SingleAsync(m => m.Id == gone.Id)).TransferOut(new DateOnly(2026, 11, 20));
            await db.SaveChangesAsync();
        }

        await h.RunAsync(CommitteeSummaryJob.JobId, h.Local(2026, 12, 1, 9, 0));

        Assert.Equal(["C1"], Recipients(h));
    }
}
