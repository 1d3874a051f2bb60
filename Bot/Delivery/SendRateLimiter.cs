using System.Collections.Concurrent;
using System.Diagnostics;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// Spaces proactive sends evenly: at most <see cref="DeliveryOptions.TenantMessagesPerSecond"/> per tenant and
/// <see cref="DeliveryOptions.ConversationMessagesPerSecond"/> per conversation. Each caller reserves the next free
/// slot, so a fan-out runs at the ceiling without bursts that Teams would answer with 429. Pacing is wall-clock time
/// on purpose: a test's fake clock must not stall real HTTP traffic.
/// <para>
/// On a server database (several instances may share it) the tenant's slots come from the database
/// (<see cref="SendPacing"/>): an instance reserves about 100 ms of slots at a time by a conditional update, so all
/// instances together keep the one ceiling. A Retry-After pause written by one moves every instance's next
/// reservation past it, and each instance reads the pause again before a send, at most every 50 ms, so slots it had
/// reserved before the pause are given back instead of used. On SQLite (one process) the tenant is paced in the process. Conversations are paced in the
/// process: the ledger gives each reminder to one instance.
/// </para>
/// </summary>
public sealed class SendRateLimiter
{
    private readonly ConcurrentDictionary<string, Lane> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lane> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SharedLane> _sharedTenants = new(StringComparer.Ordinal);
    private readonly long _tenantInterval;
    private readonly long _conversationInterval;
    private readonly IDbContextFactory<BranchDbContext>? _shared;
    private readonly long _sharedInterval;
    private readonly int _slotsPerReservation;
    private static readonly TimeSpan PauseRecheck = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LateTolerance = TimeSpan.FromMilliseconds(100);

    public SendRateLimiter(IOptions<DeliveryOptions> options, IOptions<DatabaseOptions> database, IDbContextFactory<BranchDbContext> databases)
    {
        var perSecond = options.Value.TenantMessagesPerSecond;
        _tenantInterval = (long)(Stopwatch.Frequency / perSecond);
        _conversationInterval = (long)(Stopwatch.Frequency / options.Value.ConversationMessagesPerSecond);
        if (database.Value.Provider != DatabaseProvider.Sqlite) _shared = databases;
        _sharedInterval = (long)(TimeSpan.TicksPerSecond / perSecond);
        _slotsPerReservation = Math.Max(1, (int)(perSecond / 10));
    }

    /// <summary>True when the tenant's ceiling is kept through the database, for every instance together.</summary>
    public bool SharedByInstances => _shared is not null;

    public async ValueTask WaitAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        await UntilAsync(Reserve(_conversations, conversationId, _conversationInterval), ct).ConfigureAwait(false);
        if (_shared is null)
        {
            await UntilAsync(Reserve(_tenants, tenantId, _tenantInterval), ct).ConfigureAwait(false);
            return;
        }
        var lane = _sharedTenants.GetOrAdd(tenantId, _ => new SharedLane());
        var late = false;
        while (true)
        {
            var slot = await TakeSharedSlotAsync(tenantId, lane, ct).ConfigureAwait(false);
            var wait = TimeSpan.FromTicks(slot - UtcTicks());
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
            // A slot reserved before a Retry-After that any instance heard of is not used.
            if (slot < await PausedUntilAsync(tenantId, lane, ct).ConfigureAwait(false)) continue;
            // A busy machine wakes a waiter late; used that late, its slot would meet the slots after it and together
            // burst past the ceiling, so it is dropped and another taken, once: a machine too busy to wake anyone on
            // time must still send (it is already sending slower than the ceiling), not wait for slots for ever.
            if (late || UtcTicks() - slot <= LateTolerance.Ticks) return;
            late = true;
        }
    }

    /// <summary>Teams said 429 with Retry-After: nobody in the tenant sends before then (on a server database, no instance).</summary>
    public async ValueTask PauseTenantAsync(string tenantId, TimeSpan delay, CancellationToken ct)
    {
        if (_shared is null)
        {
            var lane = _tenants.GetOrAdd(tenantId, _ => new Lane());
            var until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            lock (lane) lane.Next = Math.Max(lane.Next, until);
            return;
        }
        var end = UtcTicks() + delay.Ticks;
        Raise(ref _sharedTenants.GetOrAdd(tenantId, _ => new SharedLane()).PausedUntil, end);
        await EnsureRowAsync(tenantId, ct).ConfigureAwait(false);
        await using var db = await _shared.CreateDbContextAsync(ct).ConfigureAwait(false);
        await Row(db, tenantId).Where(p => p.PausedUntilTicks < end)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.PausedUntilTicks, end), ct).ConfigureAwait(false);
        await Row(db, tenantId).Where(p => p.NextSlotTicks < end)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.NextSlotTicks, end), ct).ConfigureAwait(false);
    }

    // The tenant's pause as the database knows it, read again when the last read is older than 50 ms.
    private async ValueTask<long> PausedUntilAsync(string tenantId, SharedLane lane, CancellationToken ct)
    {
        var now = UtcTicks();
        var checkedAt = Volatile.Read(ref lane.PauseCheckedAt);
        if (now - checkedAt < PauseRecheck.Ticks || Interlocked.CompareExchange(ref lane.PauseCheckedAt, now, checkedAt) != checkedAt)
            return Volatile.Read(ref lane.PausedUntil);
        await using var db = await _shared!.CreateDbContextAsync(ct).ConfigureAwait(false);
        var stored = await Row(db, tenantId).Select(p => p.PausedUntilTicks).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        Raise(ref lane.PausedUntil, stored);
        return Volatile.Read(ref lane.PausedUntil);
    }

    private static void Raise(ref long field, long value)
    {
        long seen;
        do seen = Volatile.Read(ref field);
        while (seen < value && Interlocked.CompareExchange(ref field, value, seen) != seen);
    }

    private async Task<long> TakeSharedSlotAsync(string tenantId, SharedLane lane, CancellationToken ct)
    {
        await lane.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = UtcTicks();
            var pausedUntil = Volatile.Read(ref lane.PausedUntil);
            // A slot long past is dropped rather than used late, where it could meet another instance's next slot.
            while (lane.Slots.TryDequeue(out var slot))
                if (slot >= now - _sharedInterval && slot >= pausedUntil) return slot;
            var start = await ReserveSharedAsync(tenantId, ct).ConfigureAwait(false);
            for (var i = 1; i < _slotsPerReservation; i++) lane.Slots.Enqueue(start + i * _sharedInterval);
            return start;
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    // Reads the tenant's next free slot and moves it on by this instance's reservation, only if nobody moved it
    // in between; else reads again. Returns the first reserved slot.
    private async Task<long> ReserveSharedAsync(string tenantId, CancellationToken ct)
    {
        while (true)
        {
            await using var db = await _shared!.CreateDbContextAsync(ct).ConfigureAwait(false);
            var next = await Row(db, tenantId).Select(p => (long?)p.NextSlotTicks).SingleOrDefaultAsync(ct).ConfigureAwait(false);
            if (next is not { } seen)
            {
                await EnsureRowAsync(tenantId, ct).ConfigureAwait(false);
                continue;
            }
            var start = Math.Max(UtcTicks(), seen);
            var end = start + _slotsPerReservation * _sharedInterval;
            var won = await Row(db, tenantId).Where(p => p.NextSlotTicks == seen)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.NextSlotTicks, end), ct).ConfigureAwait(false);
            if (won == 1) return start;
        }
    }

    private async Task EnsureRowAsync(string tenantId, CancellationToken ct)
    {
        await using var db = await _shared!.CreateDbContextAsync(ct).ConfigureAwait(false);
        if (await Row(db, tenantId).AnyAsync(ct).ConfigureAwait(false)) return;
        db.SendPacings.Add(new SendPacing { TenantId = tenantId, NextSlotTicks = 0 });
        try { await db.SaveChangesAsync(ct).ConfigureAwait(false); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { } // another instance added it first
    }

    private static IQueryable<SendPacing> Row(BranchDbContext db, string tenantId) =>
        db.SendPacings.Where(p => p.BranchId == BranchSetting.SingletonId && p.TenantId == tenantId);

    private static long UtcTicks() => TimeProvider.System.GetUtcNow().UtcTicks;

    private static long Reserve(ConcurrentDictionary<string, Lane> lanes, string key, long interval)
    {
        var lane = lanes.GetOrAdd(key, _ => new Lane());
        lock (lane)
        {
            var at = Math.Max(Stopwatch.GetTimestamp(), lane.Next);
            lane.Next = at + interval;
            return at;
        }
    }

    private static Task UntilAsync(long timestamp, CancellationToken ct)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;
    }

    private sealed class Lane
    {
        public long Next;
    }

    private sealed class SharedLane
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly Queue<long> Slots = new();
        public long PausedUntil;
        public long PauseCheckedAt;
    }
}
