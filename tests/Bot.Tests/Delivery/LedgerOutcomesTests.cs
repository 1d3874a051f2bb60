using BranchBot.Bot.Delivery;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Reminders;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Delivery;

public sealed class LedgerOutcomesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 1, 2, 3, TimeSpan.Zero);

    private static ReminderDelivery Claimed(int memberId, string step, string token, string? note) => new()
    {
        MemberId = memberId,
        SubjectId = memberId,
        Kind = ObligationKind.ThoughtReport,
        Period = Period.Parse("2026-11"),
        Step = step,
        Status = ReminderDeliveryStatus.Claimed,
        ClaimedBy = token,
        ClaimedAt = At,
        CreatedAt = At,
        Attempts = 1,
        Note = note,
    };

    // The batch command on SQLite must write exactly what the EF update (the server databases' path) writes.
    [Theory]
    [InlineData(ReminderDeliveryStatus.Sent, "activity-1", null, null)]
    [InlineData(ReminderDeliveryStatus.Failed, null, "429 Throttled", null)]
    [InlineData(ReminderDeliveryStatus.Skipped, null, null, ReminderDispatcher.FulfilledNote)]
    public async Task WriteAsync_SqliteBatch_WritesWhatTheEfUpdateWrites(ReminderDeliveryStatus status, string? activityId, string? error, string? note)
    {
        await using var h = await ReminderHarness.StartAsync(provider: DatabaseProvider.Sqlite);
        var member = await new BranchBuilder(h).MemberAsync("S001", Stage.Activist);
        await using (var db = h.Db())
        {
            db.ReminderDeliveries.AddRange(
                Claimed(member.Id, "batch", "me", "earlier note"),
                Claimed(member.Id, "ef", "me", "earlier note"),
                Claimed(member.Id, "taken", "someone else", null));
            await db.SaveChangesAsync();
        }
        Dictionary<string, ReminderDelivery> rows;
        await using (var db = h.Db())
            rows = await db.ReminderDeliveries.AsNoTracking().ToDictionaryAsync(r => r.Step);
        DateTimeOffset? sentAt = status == ReminderDeliveryStatus.Sent ? At.AddSeconds(5) : null;
        LedgerOutcome Outcome(string step) => new(rows[step].Id, "me", status, sentAt, 2, error, activityId, note);

        await using (var db = h.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await LedgerOutcomes.WriteAsync(db, [Outcome("batch"), Outcome("taken")], CancellationToken.None);
            await LedgerOutcomes.WriteOneAsync(db, Outcome("ef"), CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using (var db = h.Db())
        {
            var after = await db.ReminderDeliveries.AsNoTracking().ToDictionaryAsync(r => r.Step);
            var (batch, ef, taken) = (after["batch"], after["ef"], after["taken"]);
            Assert.Equal((status, sentAt, 3, error, activityId, note ?? "earlier note"), (batch.Status, batch.SentAt, batch.Attempts, batch.LastError, batch.ActivityId, batch.Note));
            Assert.Equal((ef.Status, ef.SentAt, ef.Attempts, ef.LastError, ef.ActivityId, ef.Note), (batch.Status, batch.SentAt, batch.Attempts, batch.LastError, batch.ActivityId, batch.Note));
            // Held by another claim: left as it was.
            Assert.Equal((ReminderDeliveryStatus.Claimed, (DateTimeOffset?)null, 1, (string?)null), (taken.Status, taken.SentAt, taken.Attempts, taken.Note));
        }
    }
}
