using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// The branch (time zone, tracking start) and its policy as stored. The stored row changes only with a roster
/// import or a policy edit, so it is re-read at most every few seconds rather than on every turn.
/// </summary>
public sealed class BranchState(IOptions<BranchOptions> options, TimeProvider time)
{
    private static readonly long RefreshTicks = System.Diagnostics.Stopwatch.Frequency * 5;
    private volatile Cached? _cached;

    private sealed record Cached(StoredBranchSetting Setting, long ReadAt);

    /// <summary>After a policy edit: the next turn on this instance reads the stored row again.</summary>
    public void Invalidate() => _cached = null;

    public async Task<(Branch Branch, Policy Policy)> LoadAsync(BranchDbContext db, CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is null || System.Diagnostics.Stopwatch.GetTimestamp() - cached.ReadAt > RefreshTicks)
            _cached = cached = new Cached(await db.ReadBranchSettingAsync(cancellationToken), System.Diagnostics.Stopwatch.GetTimestamp());
        var value = options.Value;
        return (value.ToBranch(cached.Setting.TrackingStartsOn, value.Today(time)), cached.Setting.Policy);
    }
}
