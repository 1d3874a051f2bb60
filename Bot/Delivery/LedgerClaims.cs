using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// Claiming ledger rows before sending them, the same for the reminder dispatcher and the delivery worker: a pending
/// row is claimed only while still pending, an expired claim only while still expired, so two instances never hold
/// one row. Whoever wins is read back by the token.
/// </summary>
public static class LedgerClaims
{
    public const string ResentNote = "resent after interrupted claim";

    public static async Task ClaimAsync(BranchDbContext db, IReadOnlyCollection<long> pending, IReadOnlyCollection<long> expired,
        string token, DateTimeOffset now, DateTimeOffset cutoff, CancellationToken ct)
    {
        if (pending.Count > 0)
            await db.ReminderDeliveries.Where(d => pending.Contains(d.Id) && d.Status == ReminderDeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, ReminderDeliveryStatus.Claimed)
                    .SetProperty(d => d.ClaimedBy, token)
                    .SetProperty(d => d.ClaimedAt, now), ct).ConfigureAwait(false);
        if (expired.Count > 0)
            // The dead process may have sent it: count that attempt and say so, the person may get it twice.
            await db.ReminderDeliveries.Where(d => expired.Contains(d.Id) && d.Status == ReminderDeliveryStatus.Claimed && d.ClaimedAt < cutoff)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.ClaimedBy, token)
                    .SetProperty(d => d.ClaimedAt, now)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.Note, ResentNote), ct).ConfigureAwait(false);
    }
}
