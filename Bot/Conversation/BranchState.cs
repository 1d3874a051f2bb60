using System.Collections.Concurrent;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Queries;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// The branch (time zone, tracking start) and its policy as stored. The stored row changes only with a roster
/// import or a policy edit, so it is re-read at most every few seconds rather than on every turn.
/// </summary>
public sealed class BranchState(IOptions<BranchOptions> options, TimeProvider time)
{
    private static readonly long RefreshTicks = System.Diagnostics.Stopwatch.Frequency * 5;
    private readonly ConcurrentDictionary<string, Policy> _policies = new(StringComparer.Ordinal);
    private volatile Stored? _stored;

    private sealed record Stored(DateOnly? TrackingStartsOn, string? PolicyJson, long ReadAt);

    public async Task<(Branch Branch, Policy Policy)> LoadAsync(BranchDbContext db, CancellationToken cancellationToken)
    {
        var stored = _stored;
        if (stored is null || System.Diagnostics.Stopwatch.GetTimestamp() - stored.ReadAt > RefreshTicks)
        {
            var row = await db.BranchSettings.AsNoTracking()
                .Where(s => s.Id == BranchSetting.SingletonId)
                .Select(s => new { s.TrackingStartsOn, s.PolicyJson })
                .FirstOrDefaultAsync(cancellationToken);
            _stored = stored = new Stored(row?.TrackingStartsOn, row?.PolicyJson, System.Diagnostics.Stopwatch.GetTimestamp());
        }
        var value = options.Value;
        var branch = value.ToBranch(stored.TrackingStartsOn, value.Today(time));
        var policy = stored.PolicyJson is { Length: > 0 } json
            ? _policies.GetOrAdd(json, Policy.FromJson)
            : Policy.Default;
        return (branch, policy);
    }
}

/// <summary>Schedules for a flow: the given members (null: the whole branch) and what they owe since <see cref="Since"/>.</summary>
public static class ScheduleLoading
{
    /// <summary>
    /// How far back open obligations are chased: from tracking start, but at most a year (the longest cadence
    /// is half a year, so anything older is history, not something a leader still nudges for).
    /// </summary>
    public static DateOnly Since(Turn turn)
    {
        var yearAgo = new DateOnly(turn.Today.Year, turn.Today.Month, 1).AddMonths(-12);
        return turn.Branch.TrackingStartsOn > yearAgo ? turn.Branch.TrackingStartsOn : yearAgo;
    }

    public static async Task<ObligationSchedule> LoadAsync(Turn turn, IReadOnlyCollection<int>? memberIds, CancellationToken cancellationToken)
    {
        var loader = new ObligationLoader(turn.Db);
        var loaded = memberIds is null
            ? await loader.ForBranchAsync(turn.Branch, turn.Policy, turn.Today, Since(turn), cancellationToken)
            : await loader.ForMembersAsync(memberIds, turn.Branch, turn.Policy, turn.Today, Since(turn), cancellationToken);
        return loaded.Schedule;
    }

    /// <summary>Reports and talks can be handed in late, but not for a period older than the one before the current.</summary>
    public static bool IsClosed(Period period, DateOnly today) => today > period.Next().End;

    public static bool IsNotOpen(Period period, DateOnly today) => today < period.Start;
}
