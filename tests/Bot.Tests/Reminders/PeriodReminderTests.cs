using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Tests.Reminders;

/// <summary>Reminders follow the hand-in window: nothing for a closed period, and reminders before an extended due date.</summary>
public sealed class PeriodReminderTests
{
    [Theory]
    [InlineData(30, "2026-10")] // 30 November: October can still be handed in, its notice is made up
    [InlineData(31, "2026-11")] // 1 December: October has closed (missed), only November's notice goes out
    public async Task OverdueNotices_CatchingUpAcrossTheEndOfTheWindow_NeverForAClosedPeriod(int dayAfterOctober, string expected)
    {
        await using var h = await ReminderHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Branch:TrackingStartsOn"] = "2026-10-01",
            ["Reminders:CatchUpDays"] = "40",
        });
        var b = new BranchBuilder(h);
        await b.MemberAsync("A1", Stage.Activist);
        var asOf = h.Local(2026, 10, 31, 9).AddDays(dayAfterOctober);

        await h.RunAsync(OverdueNoticesJob.JobId, asOf);

        var ledger = await h.LedgerAsync();
        Assert.Equal([expected], ledger.Where(d => d.Status == ReminderDeliveryStatus.Sent).Select(d => d.Period.Key));
        Assert.DoesNotContain(ledger, d => d.Period.Key == "2026-10" && dayAfterOctober == 31);
    }

    [Fact]
    public async Task MonthlyReminders_ReportExtendedIntoDecember_RemindedBeforeTheExtendedDueDate()
    {
        await using var h = await ReminderHarness.StartAsync();
        var b = new BranchBuilder(h);
        var leader = await b.MemberAsync("M1", Stage.Full, roles: Roles.GroupLeader);
        var a1 = await b.MemberAsync("A1", Stage.Activist);
        await using (var db = h.Db())
        {
            var extension = new Extension(a1.Id, ObligationKind.ThoughtReport, Period.Parse("2026-11"), new DateOnly(2026, 12, 7), "实习出差", h.Local(2026, 11, 28, 10));
            extension.Decide(true, leader.Id, h.Local(2026, 11, 28, 11));
            db.Extensions.Add(extension);
            await db.SaveChangesAsync();
        }

        var run = await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 12, 4, 9, 0));

        Assert.Equal(1, run.Sent);
        var sent = Assert.Single(await h.LedgerAsync(), d => d.Status == ReminderDeliveryStatus.Sent);
        Assert.Equal(("2026-11", "remind-3d-20261207"), (sent.Period.Key, sent.Step));
        var card = Assert.Single(h.Connector.Delivered).Text;
        Assert.Contains("\"period\":\"2026-11\"", card, StringComparison.Ordinal);
    }
}
