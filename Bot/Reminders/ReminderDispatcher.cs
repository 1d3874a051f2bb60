using System.Threading.Channels;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Reminders;

/// <summary>What one run of a job did.</summary>
public sealed record SweepResult(string JobId, DateTimeOffset AsOf, int Planned, int Sent, int Resent, int Skipped, int Unreachable, int NoConversation, int Failed)
{
    /// <summary>Wall-clock time to bring the ledger up to date (rows inserted, superseded ones skipped), and to send.</summary>
    public TimeSpan Preparing { get; init; }
    public TimeSpan Sending { get; init; }

    public override string ToString() => FormattableString.Invariant(
        $"{JobId} as of {AsOf:yyyy-MM-dd HH:mm zzz}: {Planned} due, {Sent} sent ({Resent} after an interrupted claim), {Skipped} skipped, {Unreachable} unreachable, {NoConversation} without a Teams chat, {Failed} failed; ledger {Preparing.TotalSeconds:0.0} s, sending {Sending.TotalSeconds:0.0} s.");
}

/// <summary>
/// Sends what a job planned, through the ledger (<see cref="ReminderDelivery"/>): every message is a row keyed by
/// (recipient, kind, period, step, subject), inserted once (unique index) and CLAIMED by a conditional update
/// (<c>WHERE Status = Pending</c>) before it is sent, so two runs, two instances or a retry never send it twice.
/// A claim older than the lease belongs to a process that died mid-send: it is re-claimed, sent again and marked.
/// </summary>
public sealed class ReminderDispatcher(
    IDbContextFactory<BranchDbContext> databases,
    ProactiveSender sender,
    IOptions<DeliveryOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    ILogger<ReminderDispatcher> logger)
{
    public const string ResentNote = LedgerClaims.ResentNote;
    public const string SupersededNote = "missed while the bot was down; a later step was due";
    public const string FulfilledNote = "fulfilled before sending";
    public const string NowReachableNote = "had no Teams chat when due; sent once they opened one";

    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly DeliveryOptions _options = options.Value;
    private readonly bool _oneWriter = database.Value.Provider == DatabaseProvider.Sqlite;

    public async Task<SweepResult> DispatchAsync(string jobId, DateTimeOffset asOf, BranchSnapshot state, IReadOnlyList<StepGroup> groups, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var planned = groups.SelectMany(g => g.Due).ToDictionary(p => p.Key);
        var rows = await LoadRowsAsync(planned.Keys, ct).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var inserts = new List<ReminderDelivery>();
        var superseded = new List<long>();
        foreach (var group in groups)
        {
            foreach (var earlier in group.Due.Take(group.Due.Count - 1))
            {
                if (!rows.TryGetValue(earlier.Key, out var row)) inserts.Add(NewRow(earlier.Key, ReminderDeliveryStatus.Skipped, now, SupersededNote));
                else if (row.Status == ReminderDeliveryStatus.Pending) superseded.Add(row.Id);
            }
            if (!rows.ContainsKey(group.Latest.Key)) inserts.Add(NewRow(group.Latest.Key, ReminderDeliveryStatus.Pending, now, null));
        }
        if (inserts.Count > 0)
        {
            await InsertAsync(inserts, ct).ConfigureAwait(false);
            rows = await LoadRowsAsync(planned.Keys, ct).ConfigureAwait(false);
        }
        if (superseded.Count > 0)
        {
            await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
            await db.ReminderDeliveries.Where(d => superseded.Contains(d.Id) && d.Status == ReminderDeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, ReminderDeliveryStatus.Skipped).SetProperty(d => d.Note, SupersededNote), ct).ConfigureAwait(false);
        }

        // Someone without a Teams chat when a step was due gets it once they have one (they opened the bot since).
        var nowReachable = groups
            .Select(g => rows.TryGetValue(g.Latest.Key, out var row) ? row : null)
            .Where(r => r is { Status: ReminderDeliveryStatus.NoConversation } && state.TeamsUsers.ContainsKey(r.MemberId))
            .Select(r => r!.Id)
            .ToList();
        if (nowReachable.Count > 0)
        {
            await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
            await db.ReminderDeliveries.Where(d => nowReachable.Contains(d.Id) && d.Status == ReminderDeliveryStatus.NoConversation)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, ReminderDeliveryStatus.Pending).SetProperty(d => d.Note, NowReachableNote), ct).ConfigureAwait(false);
            rows = await LoadRowsAsync(planned.Keys, ct).ConfigureAwait(false);
        }

        var leaseCutoff = now - _options.ClaimLease;
        var candidates = groups
            .Select(g => rows.TryGetValue(g.Latest.Key, out var row) ? row : null)
            .Where(r => r is not null && (r.Status == ReminderDeliveryStatus.Pending || (r.Status == ReminderDeliveryStatus.Claimed && r.ClaimedAt < leaseCutoff)))
            .Select(r => r!)
            .ToList();

        var tally = new Tally();
        var preparing = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (candidates.Count > 0)
            await SendAsync(candidates, planned, state, tally, ct).ConfigureAwait(false);
        var result = new SweepResult(jobId, asOf, groups.Count, tally.Sent, tally.Resent, tally.Skipped, tally.Unreachable, tally.NoConversation, tally.Failed)
        {
            Preparing = preparing,
            Sending = System.Diagnostics.Stopwatch.GetElapsedTime(started) - preparing,
        };
        logger.LogInformation("Reminder job {Result}", result);
        return result;
    }

    private static ReminderDelivery NewRow(ReminderKey key, ReminderDeliveryStatus status, DateTimeOffset now, string? note) => new()
    {
        MemberId = key.MemberId,
        Kind = key.Kind,
        Period = key.Period,
        Step = key.Step,
        SubjectId = key.SubjectId,
        Status = status,
        CreatedAt = now,
        Note = note,
    };

    private async Task<Dictionary<ReminderKey, ReminderDelivery>> LoadRowsAsync(IEnumerable<ReminderKey> keys, CancellationToken ct)
    {
        var wanted = keys.ToHashSet();
        var result = new Dictionary<ReminderKey, ReminderDelivery>();
        await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
        foreach (var byPeriod in wanted.GroupBy(k => k.Period))
        {
            var period = byPeriod.Key;
            var steps = byPeriod.Select(k => k.Step).Distinct().ToList();
            var found = await db.ReminderDeliveries.AsNoTracking().Where(d => d.Period == period && steps.Contains(d.Step)).ToListAsync(ct).ConfigureAwait(false);
            foreach (var row in found)
            {
                var key = new ReminderKey(row.MemberId, row.Kind, row.Period, row.Step, row.SubjectId);
                if (wanted.Contains(key)) result[key] = row;
            }
        }
        return result;
    }

    // Another instance may insert the same keys at the same moment: the unique index refuses the second, which is fine.
    private async Task InsertAsync(List<ReminderDelivery> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(500))
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
                db.ReminderDeliveries.AddRange(chunk);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                foreach (var row in chunk)
                {
                    row.Id = 0;
                    try
                    {
                        await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
                        db.ReminderDeliveries.Add(row);
                        await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    }
                    catch (DbUpdateException one) when (one.IsUniqueViolation()) { }
                }
            }
        }
    }

    private async Task SendAsync(List<ReminderDelivery> candidates, Dictionary<ReminderKey, PlannedReminder> planned, BranchSnapshot state, Tally tally, CancellationToken ct)
    {
        // Bounded: rows are claimed only shortly before they are sent, so a crash strands few claims.
        var ready = Channel.CreateBounded<Claim>(new BoundedChannelOptions(_options.ClaimBatchSize) { SingleWriter = true });
        // SQLite lets one writer in at a time, and Microsoft.Data.Sqlite meets a held write lock by sleeping 150 ms:
        // a claim that met an outcome batch's transaction stalled the whole fan-out. They take turns here instead.
        using var writes = _oneWriter ? new SemaphoreSlim(1, 1) : null;
        await using var ledger = new LedgerWriter(databases, tally, Math.Max(_options.ClaimBatchSize, _options.MaxConcurrentSends), writes);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in candidates.Chunk(_options.ClaimBatchSize))
                {
                    foreach (var claim in await ClaimAsync(batch, planned, state, ledger, writes, stop.Token).ConfigureAwait(false))
                        await ready.Writer.WriteAsync(claim, stop.Token).ConfigureAwait(false);
                }
                ready.Writer.Complete();
            }
            catch (Exception e)
            {
                ready.Writer.Complete(e);
            }
        }, CancellationToken.None);

        var workers = Enumerable.Range(0, _options.MaxConcurrentSends).Select(_ => Task.Run(async () =>
        {
            await foreach (var claim in ready.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                state.TeamsUsers.TryGetValue(claim.Row.MemberId, out var user);
                var language = UserLanguage.For(user);
                var card = claim.Planned.Build(claim.Row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), language);
                var outcome = await sender.SendAsync(user, card, null, stop.Token).ConfigureAwait(false);
                await ledger.CompleteAsync(claim, outcome, time.GetUtcNow(), stop.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None)).ToList();

        try
        {
            await Task.WhenAll([producer, .. workers]).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        await ledger.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Claim>> ClaimAsync(ReminderDelivery[] batch, Dictionary<ReminderKey, PlannedReminder> planned, BranchSnapshot state, LedgerWriter ledger, SemaphoreSlim? writes, CancellationToken ct)
    {
        var token = $"{Instance}:{Guid.NewGuid():N}";
        var now = time.GetUtcNow();
        var cutoff = now - _options.ClaimLease;
        var pending = batch.Where(r => r.Status == ReminderDeliveryStatus.Pending).Select(r => r.Id).ToList();
        var expired = batch.Where(r => r.Status == ReminderDeliveryStatus.Claimed).Select(r => r.Id).ToList();
        await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
        if (writes is not null) await writes.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await LedgerClaims.ClaimAsync(db, pending, expired, token, now, cutoff, ct).ConfigureAwait(false);
        }
        finally
        {
            writes?.Release();
        }
        var ids = batch.Select(r => r.Id).ToList();
        var won = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.ClaimedBy == token && d.Status == ReminderDeliveryStatus.Claimed)
            .ToListAsync(ct).ConfigureAwait(false);
        BranchBotTelemetry.Ledger(ReminderDeliveryStatus.Claimed, won.Count);
        if (won.Count == 0) return [];

        // Re-check just before sending: a report handed in or an excuse given since the plan was made cancels it.
        var claims = won.Select(r => new Claim(r, token, planned[new ReminderKey(r.MemberId, r.Kind, r.Period, r.Step, r.SubjectId)])).ToList();
        var people = claims.Where(c => c.Planned.Obligation is not null).SelectMany(c => new[] { c.Row.MemberId, c.Row.SubjectId }).Distinct().ToList();
        if (people.Count == 0) return claims;
        var facts = await state.ReloadFactsAsync(db, people, ct).ConfigureAwait(false);
        var toSend = new List<Claim>(claims.Count);
        foreach (var claim in claims)
        {
            if (claim.Planned.Obligation is { } o && IsSettled(facts, o, now))
                await ledger.CompleteAsync(claim, null, now, ct).ConfigureAwait(false);
            else
                toSend.Add(claim);
        }
        return toSend;
    }

    private static bool IsSettled(FactIndex facts, Obligation o, DateTimeOffset now) =>
        facts.FulfilledAt(o.Kind, o.OwnerId, o.SubjectId, o.Period) is { } done && done <= now
        || facts.ExcuseFor(o.Kind, o.OwnerId, o.SubjectId, o.Period) is { } excuse && excuse.At <= now;

    internal sealed record Claim(ReminderDelivery Row, string Token, PlannedReminder Planned);

    internal sealed class Tally
    {
        public int Sent, Resent, Skipped, Unreachable, NoConversation, Failed;
    }

    /// <summary>
    /// Writes outcomes in batches from one writer (one transaction per batch): with SQLite every commit is a sync, and
    /// a fan-out at 1,000/s cannot afford one per message. The update is guarded by the claim token. The backlog is
    /// bounded: when the writer falls behind, the senders wait for it, so a process killed mid-run leaves at most a
    /// backlog's worth of messages sent but not yet recorded (they are resent, marked, by whoever reclaims them).
    /// </summary>
    private sealed class LedgerWriter : IAsyncDisposable
    {
        private readonly Channel<(Claim Claim, DeliveryOutcome? Outcome, DateTimeOffset At)> _queue;
        private readonly int _batch;
        private readonly IDbContextFactory<BranchDbContext> _databases;
        private readonly Tally _tally;
        private readonly SemaphoreSlim? _writes;
        private readonly Task _loop;

        public LedgerWriter(IDbContextFactory<BranchDbContext> databases, Tally tally, int backlog, SemaphoreSlim? writes)
        {
            _writes = writes;
            _queue = Channel.CreateBounded<(Claim, DeliveryOutcome?, DateTimeOffset)>(new BoundedChannelOptions(backlog) { SingleReader = true });
            _batch = backlog;
            _databases = databases;
            _tally = tally;
            _loop = Task.Run(LoopAsync);
        }

        public ValueTask CompleteAsync(Claim claim, DeliveryOutcome? outcome, DateTimeOffset at, CancellationToken ct) => _queue.Writer.WriteAsync((claim, outcome, at), ct);

        public async Task FlushAsync(CancellationToken ct)
        {
            _queue.Writer.TryComplete();
            await _loop.WaitAsync(ct).ConfigureAwait(false);
        }

        private async Task LoopAsync()
        {
            var batch = new List<(Claim Claim, DeliveryOutcome? Outcome, DateTimeOffset At)>();
            try
            {
                while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (batch.Count < _batch && _queue.Reader.TryRead(out var item)) batch.Add(item);
                    if (_writes is not null) await _writes.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        await WriteAsync(batch).ConfigureAwait(false);
                    }
                    finally
                    {
                        _writes?.Release();
                    }
                    batch.Clear();
                }
            }
            catch (Exception e)
            {
                // Senders waiting on a full backlog fail too, rather than wait for a writer that is gone.
                _queue.Writer.TryComplete(e);
                throw;
            }
        }

        private async Task WriteAsync(List<(Claim Claim, DeliveryOutcome? Outcome, DateTimeOffset At)> batch)
        {
            await using var db = await _databases.CreateDbContextAsync().ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            var outcomes = new List<LedgerOutcome>(batch.Count);
            foreach (var (claim, outcome, at) in batch)
            {
                var (status, note) = outcome?.Result switch
                {
                    null => (ReminderDeliveryStatus.Skipped, FulfilledNote),
                    DeliveryResult.Sent => (ReminderDeliveryStatus.Sent, (string?)null),
                    DeliveryResult.Unreachable => (ReminderDeliveryStatus.Unreachable, null),
                    DeliveryResult.NoConversation => (ReminderDeliveryStatus.NoConversation, null),
                    _ => (ReminderDeliveryStatus.Failed, null),
                };
                DateTimeOffset? sentAt = status == ReminderDeliveryStatus.Sent ? at : null;
                outcomes.Add(new LedgerOutcome(claim.Row.Id, claim.Token, status, sentAt, outcome?.Attempts ?? 0, outcome?.Error, outcome?.ActivityId, note));
            }
            await LedgerOutcomes.WriteAsync(db, outcomes, CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            foreach (var (claim, o) in batch.Select((b, i) => (b.Claim, outcomes[i])))
                Count(o.Status, claim.Row.Note == ResentNote || claim.Row.Attempts > 0);
        }

        private void Count(ReminderDeliveryStatus status, bool resent)
        {
            BranchBotTelemetry.Ledger(status, resent: resent);
            switch (status)
            {
                case ReminderDeliveryStatus.Sent: _tally.Sent++; if (resent) _tally.Resent++; break;
                case ReminderDeliveryStatus.Skipped: _tally.Skipped++; break;
                case ReminderDeliveryStatus.Unreachable: _tally.Unreachable++; break;
                case ReminderDeliveryStatus.NoConversation: _tally.NoConversation++; break;
                default: _tally.Failed++; break;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            try { await _loop.ConfigureAwait(false); } catch (Exception) { }
        }
    }
}
