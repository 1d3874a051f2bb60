using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Delivery;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Reminders;

public sealed class ReminderLedgerTests
{
    private static async Task<BranchBuilder> ActivistsAsync(ReminderHarness h, int count)
    {
        var b = new BranchBuilder(h);
        for (var i = 1; i <= count; i++) await b.MemberAsync($"S{i:D3}", Stage.Activist);
        return b;
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Run_TwoInstancesAtOnceOnOneDatabase_EachPersonGetsExactlyOneReminder(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync(provider: provider, settings: new Dictionary<string, string?> { ["Delivery:ClaimBatchSize"] = "5" });
        await ActivistsAsync(h, 60);
        h.Connector.Answer = (_, _) => ConnectorAnswer.Ok(TimeSpan.FromMilliseconds(15));
        var second = await h.NewInstanceAsync();
        var asOf = h.Local(2026, 11, 23, 9, 0);
        h.Time.SetUtcNow(asOf);

        var results = await Task.WhenAll(
            Task.Run(() => h.RunAsync(MonthlyRemindersJob.JobId, asOf)),
            Task.Run(() => h.RunAsync(MonthlyRemindersJob.JobId, asOf, second)),
            Task.Run(() => h.RunAsync(MonthlyRemindersJob.JobId, asOf)));

        var delivered = h.Connector.Delivered.Select(d => d.ConversationId).ToList();
        Assert.Equal(60, delivered.Count);
        Assert.Equal(60, delivered.Distinct().Count());
        Assert.Equal(60, results.Sum(r => r.Sent));
        var ledger = await h.LedgerAsync();
        Assert.Equal(60, ledger.Count);
        Assert.All(ledger, r => Assert.Equal((ReminderDeliveryStatus.Sent, 1, null), (r.Status, r.Attempts, r.Note)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Run_ClaimOlderThanTheLease_IsResentAndMarkedButAFreshClaimIsLeftAlone(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync(provider: provider);
        var b = await ActivistsAsync(h, 2);
        var asOf = h.Local(2026, 11, 23, 9, 0);
        h.Time.SetUtcNow(asOf);
        await using (var db = h.Db())
        {
            // Two processes died mid-send: one 3 minutes ago (lease 2 minutes), one 1 minute ago.
            db.ReminderDeliveries.AddRange(
                Claimed(b["S001"].Id, asOf.AddMinutes(-3)),
                Claimed(b["S002"].Id, asOf.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        var result = await h.RunAsync(MonthlyRemindersJob.JobId, asOf);

        Assert.Equal(["a:conv-S001"], h.Connector.Delivered.Select(d => d.ConversationId));
        Assert.Equal((1, 1), (result.Sent, result.Resent));
        var ledger = await h.LedgerAsync();
        Assert.Equal((ReminderDeliveryStatus.Sent, 2, ReminderDispatcher.ResentNote), (ledger[0].Status, ledger[0].Attempts, ledger[0].Note));
        Assert.Equal((ReminderDeliveryStatus.Claimed, "dead:2"), (ledger[1].Status, ledger[1].ClaimedBy));
    }

    private static ReminderDelivery Claimed(int memberId, DateTimeOffset at) => new()
    {
        MemberId = memberId,
        SubjectId = memberId,
        Kind = ObligationKind.ThoughtReport,
        Period = Period.Parse("2026-11"),
        Step = Steps.Remind(7),
        Status = ReminderDeliveryStatus.Claimed,
        ClaimedBy = "dead:" + (memberId % 2 == 1 ? 1 : 2),
        ClaimedAt = at,
        CreatedAt = at,
    };

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Dispatch_ReportHandedInAfterPlanning_IsNotSentAndRecordedSkipped(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync(provider: provider);
        var b = await ActivistsAsync(h, 2);
        var asOf = h.Local(2026, 11, 23, 9, 0);
        h.Time.SetUtcNow(asOf);
        var services = h.Services;
        BranchSnapshot state;
        await using (var db = h.Db())
            state = await BranchSnapshot.LoadAsync(db, services.GetRequiredService<IOptions<BranchOptions>>().Value, h.Time, CancellationToken.None);
        var plan = ReminderPlanner.Reminders(state, asOf, new HashSet<Cadence> { Cadence.Monthly });
        await b.SubmitAsync("S002", ObligationKind.ThoughtReport, "2026-11", asOf.AddSeconds(-1));

        var result = await services.GetRequiredService<ReminderDispatcher>().DispatchAsync("test", asOf, state, plan, CancellationToken.None);

        Assert.Equal(["a:conv-S001"], h.Connector.Delivered.Select(d => d.ConversationId));
        Assert.Equal((1, 1), (result.Sent, result.Skipped));
        var skipped = (await h.LedgerAsync()).Single(r => r.MemberId == b["S002"].Id);
        Assert.Equal((ReminderDeliveryStatus.Skipped, ReminderDispatcher.FulfilledNote, 0), (skipped.Status, skipped.Note, skipped.Attempts));
    }
}
