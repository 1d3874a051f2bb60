using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Tests.Shared;

namespace BranchBot.Bot.Tests.Reminders;

public sealed class ProbationReminderTests
{
    // P1's probation began 2026-06-01 and ends 2027-06-01; I1 introduced them; C1 is on the committee; A1 is an activist.
    private static async Task<BranchBuilder> BranchAsync(ReminderHarness h)
    {
        var b = new BranchBuilder(h);
        await b.MemberAsync("I1", Stage.Full);
        await b.MemberAsync("C1", Stage.Full, group: "第二党小组", roles: Roles.Secretary);
        await b.MemberAsync("P1", Stage.Probationary, mentors: ["I1"], stageSince: new DateOnly(2026, 6, 1));
        await b.MemberAsync("A1", Stage.Activist, mentors: ["I1"]);
        return b;
    }

    private static string[] Recipients(ReminderHarness h) =>
        [.. h.Connector.Delivered.Select(c => c.ConversationId.Replace("a:conv-", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task ProbationReminders_ThirtyDaysAhead_RemindTheMemberTheIntroducerAndTheCommitteeExactlyOnce(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var b = await BranchAsync(h);

        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 2, 8, 59));
        Assert.Empty(h.Connector.Delivered);

        var first = await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 2, 9, 0));
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 2, 9, 0));
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 3, 10, 0));

        Assert.Equal(3, first.Sent);
        Assert.Equal(["C1", "I1", "P1"], Recipients(h));
        var ledger = await h.LedgerAsync();
        Assert.All(ledger, d => Assert.Equal((ReminderDeliveryStatus.Sent, "probation-30d-20270601", b["P1"].Id), (d.Status, d.Step, d.SubjectId)));
        var member = System.Text.RegularExpressions.Regex.Unescape(h.Connector.Delivered.Single(c => c.ConversationId == "a:conv-P1").Text);
        Assert.Contains("你的预备期将于 2027年6月1日 期满（还有 30 天）。请及时向党组织提交转正申请书。", member, StringComparison.Ordinal);
        var committee = h.Connector.Delivered.Single(c => c.ConversationId == "a:conv-C1").Text;
        Assert.Contains("\"verb\":\"pipeline.probation.form\"", committee, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task ProbationReminders_SevenDaysAhead_SendTheSecondStepOnce(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        await BranchAsync(h);
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 2, 9, 0));

        var second = await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 25, 9, 0));
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 25, 12, 0));

        Assert.Equal(3, second.Sent);
        Assert.Equal(6, h.Connector.Delivered.Count);
        Assert.Contains("还有 7 天", System.Text.RegularExpressions.Regex.Unescape(h.Connector.Delivered.Last(c => c.ConversationId == "a:conv-P1").Text), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task ProbationReminders_Postponed_RemindAheadOfTheNewEndOnly(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var b = await BranchAsync(h);
        await using (var db = h.Db())
        {
            db.StageDecisions.Add(StageDecision.ProbationOutcome(b["P1"].Id, StageDecisionKind.Postponement, new DateOnly(2027, 4, 20), new DateOnly(2027, 12, 1), "表现有待提高", b["C1"].Id,
                h.Local(2027, 4, 20, 15), "C1:postpone"));
            await db.SaveChangesAsync();
        }

        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 5, 2, 9, 0));
        Assert.Empty(h.Connector.Delivered);

        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2027, 11, 1, 9, 0));
        Assert.Equal(["C1", "I1", "P1"], Recipients(h));
        Assert.All(await h.LedgerAsync(), d => Assert.Equal("probation-30d-20271201", d.Step));
    }
}
