using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Tests.Shared;

namespace BranchBot.Bot.Tests.Reminders;

public sealed class SelectionNoticeReminderTests
{
    // X1 and X2 are applicants put up on 2026-11-18 with a 7-day notice from 2026-11-19 (its last day 2026-11-25);
    // C1 and C2 are on the committee, A1 is an activist. Someone objected to X2's notice on 2026-11-24.
    private static async Task<(BranchBuilder Branch, long Ready, long Held)> BranchAsync(ReminderHarness h)
    {
        var b = new BranchBuilder(h);
        var c1 = await b.MemberAsync("C1", Stage.Full, group: "第二党小组", roles: Roles.Secretary);
        await b.MemberAsync("C2", Stage.Full, roles: Roles.OrganizationMember);
        var a1 = await b.MemberAsync("A1", Stage.Activist);
        var x1 = await b.MemberAsync("X1", Stage.Applicant);
        var x2 = await b.MemberAsync("X2", Stage.Applicant);
        await using var db = h.Db();
        var at = h.Local(2026, 11, 18, 10, 0);
        var ready = new Selection(x1.Id, Recommender.YouthLeague, null, new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 19), 7, c1.Id, at, "s1");
        var held = new Selection(x2.Id, Recommender.YouthLeague, null, new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 19), 7, c1.Id, at, "s2");
        held.Object(a1.Id, "缺席班级活动", new DateOnly(2026, 11, 24), h.Local(2026, 11, 24, 10, 0), "o1");
        db.Selections.AddRange(ready, held);
        await db.SaveChangesAsync();
        return (b, ready.Id, held.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task NoticeEnded_WithoutObjection_TellsEachCommitteeMemberOnceTheDayAfterWithTheWayToConfirm(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai", provider: provider);
        var (b, ready, _) = await BranchAsync(h);

        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2026, 11, 25, 23, 0));
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2026, 11, 26, 8, 59));
        Assert.Empty(h.Connector.Delivered);

        var first = await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2026, 11, 26, 9, 0));
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2026, 11, 26, 12, 0));
        await h.RunAsync(ProbationRemindersJob.JobId, h.Local(2026, 11, 27, 9, 0));

        Assert.Equal(2, first.Sent);
        Assert.Equal(["a:conv-C1", "a:conv-C2"], h.Connector.Delivered.Select(c => c.ConversationId).Order(StringComparer.Ordinal));
        var ledger = await h.LedgerAsync();
        Assert.All(ledger, d => Assert.Equal((ReminderDeliveryStatus.Sent, $"notice-ended-{ready}", b["X1"].Id), (d.Status, d.Step, d.SubjectId)));
        var card = System.Text.RegularExpressions.Regex.Unescape(h.Connector.Delivered[0].Text);
        Assert.Contains("成员X1（X1）的入党积极分子公示（2026年11月19日 至 2026年11月25日）已期满，无异议，可以确认为入党积极分子。", card, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"selection.conclude.form\"", card, StringComparison.Ordinal);
    }
}
