using BranchBot.Bot.Reminders;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// Sends the messages turns queued (<see cref="DeliveryQueue"/>), with the reminder ledger's design: a row is
/// CLAIMED by a conditional update (<c>WHERE Status = Pending</c>) before it is sent, so two workers, two instances
/// or a retry never send it twice; a claim older than the lease belongs to a process that died mid-send and is sent
/// again, marked. When every row of a step ends without reaching anyone, its fallback rows are queued.
/// </summary>
public sealed class DeliveryWorker(
    IDbContextFactory<BranchDbContext> databases,
    ProactiveSender sender,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryWorker> logger)
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Sends every queued message that is due now, including fallbacks queued on the way; returns how many it sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sent = 0;
        while (await ClaimAsync(ct).ConfigureAwait(false) is { Count: > 0 } claimed)
        {
            foreach (var (row, token) in claimed)
                if (await SendAsync(row, token, ct).ConfigureAwait(false)) sent++;
        }
        return sent;
    }

    private async Task<List<(ReminderDelivery Row, string Token)>> ClaimAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.ClaimLease;
        var token = $"{Instance}:{Guid.NewGuid():N}";
        await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
        var batch = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Message != null && (d.Status == ReminderDeliveryStatus.Pending || (d.Status == ReminderDeliveryStatus.Claimed && d.ClaimedAt < cutoff)))
            .OrderBy(d => d.Id)
            .Take(options.Value.ClaimBatchSize)
            .Select(d => new { d.Id, d.Status })
            .ToListAsync(ct).ConfigureAwait(false);
        if (batch.Count == 0) return [];
        var pending = batch.Where(r => r.Status == ReminderDeliveryStatus.Pending).Select(r => r.Id).ToList();
        var expired = batch.Where(r => r.Status == ReminderDeliveryStatus.Claimed).Select(r => r.Id).ToList();
        await LedgerClaims.ClaimAsync(db, pending, expired, token, now, cutoff, ct).ConfigureAwait(false);
        var ids = batch.Select(r => r.Id).ToList();
        var won = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.ClaimedBy == token && d.Status == ReminderDeliveryStatus.Claimed)
            .OrderBy(d => d.Id)
            .ToListAsync(ct).ConfigureAwait(false);
        return won.Select(r => (r, token)).ToList();
    }

    private async Task<bool> SendAsync(ReminderDelivery row, string token, CancellationToken ct)
    {
        var message = QueuedMessage.FromJson(row.Message!);
        TeamsUser? user;
        await using (var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false))
            user = await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId == row.MemberId).OrderByDescending(u => u.UpdatedAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var outcome = await sender.SendRenderedAsync(user, message.Card, message.Text, ct).ConfigureAwait(false);
        var status = outcome.Result switch
        {
            DeliveryResult.Sent => ReminderDeliveryStatus.Sent,
            DeliveryResult.Unreachable => ReminderDeliveryStatus.Unreachable,
            DeliveryResult.NoConversation => ReminderDeliveryStatus.NoConversation,
            _ => ReminderDeliveryStatus.Failed,
        };
        var sentAt = outcome.Result == DeliveryResult.Sent ? time.GetUtcNow() : (DateTimeOffset?)null;
        await using (var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            await db.ReminderDeliveries.Where(d => d.Id == row.Id && d.ClaimedBy == token && d.Status == ReminderDeliveryStatus.Claimed)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.SentAt, sentAt)
                    .SetProperty(d => d.ActivityId, outcome.ActivityId)
                    .SetProperty(d => d.LastError, outcome.Error)
                    .SetProperty(d => d.Attempts, d => d.Attempts + outcome.Attempts), ct).ConfigureAwait(false);
            if (status != ReminderDeliveryStatus.Sent)
            {
                logger.LogInformation("Queued message {DeliveryId} ({Step}) to member {MemberId} was not delivered: {Result} {Error}.", row.Id, row.Step, row.MemberId, outcome.Result, outcome.Error);
                if (message.Fallback.Count > 0) await FallBackAsync(db, row, message, ct).ConfigureAwait(false);
            }
        }
        return status == ReminderDeliveryStatus.Sent;
    }

    // Only when the whole step reached nobody: the last of its rows to end queues the fallback, and the unique
    // index keeps a second worker doing the same from queueing it twice.
    private async Task FallBackAsync(BranchDbContext db, ReminderDelivery row, QueuedMessage message, CancellationToken ct)
    {
        var step = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Kind == row.Kind && d.Period == row.Period && d.Step == row.Step && d.SubjectId == row.SubjectId)
            .Select(d => d.Status)
            .ToListAsync(ct).ConfigureAwait(false);
        if (step.Any(s => s is ReminderDeliveryStatus.Pending or ReminderDeliveryStatus.Claimed or ReminderDeliveryStatus.Sent)) return;
        foreach (var next in message.Fallback)
        {
            db.ReminderDeliveries.Add(DeliveryQueue.Row(next, row.Kind, row.Period, row.SubjectId, time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>Runs the worker whenever a turn queues something, and every poll interval for rows another instance or a crash left.</summary>
// Resolves the worker (and so the adapter) only once running: constructing it with the host would build the SDK's
// authentication before the options are validated, and a wrong setting would not be named.
internal sealed class DeliveryWorkerService(IServiceProvider services, DeliverySignal signal, IOptions<ReminderOptions> options, ILogger<DeliveryWorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Checked at run time, as the reminder schedule does: test hosts add configuration after services are registered.
        if (!options.Value.Enabled)
        {
            logger.LogInformation("The delivery worker is off (Reminders:Enabled=false): queued messages are sent only when it is run by hand.");
            return;
        }
        var worker = services.GetRequiredService<DeliveryWorker>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await worker.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The delivery worker failed; it tries again at the next signal or poll.");
            }
            try
            {
                await signal.WaitAsync(Poll, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
