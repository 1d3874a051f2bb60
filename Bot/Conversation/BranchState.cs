using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// The branch (time zone, tracking start), its policy and the academic calendar's spans as stored. They change only
/// with a roster import, a policy edit or a calendar edit, so they are re-read at most every few seconds rather than
/// on every turn; an edit on this instance invalidates them at once, other instances see it within the bound.
/// The spans are read without tracking and never modified, so turns may share them.
/// </summary>
public sealed class BranchState(IOptions<BranchOptions> options, TimeProvider time)
{
    private static readonly long RefreshTicks = System.Diagnostics.Stopwatch.Frequency * 5;
    private volatile Cached? _cached;

    private sealed record Cached(StoredBranchSetting Setting, AcademicCalendar Spans, long ReadAt);

    /// <summary>After a policy or calendar edit: the next turn on this instance reads the stored rows again.</summary>
    public void Invalidate() => _cached = null;

    public async Task<(Branch Branch, Policy Policy)> LoadAsync(BranchDbContext db, CancellationToken cancellationToken)
    {
        var (branch, policy, _) = await LoadWithSpansAsync(db, cancellationToken);
        return (branch, policy);
    }

    /// <summary>As <see cref="LoadAsync"/>, with the academic calendar's spans (no leaves: those are a person's).</summary>
    public async Task<(Branch Branch, Policy Policy, AcademicCalendar Spans)> LoadWithSpansAsync(BranchDbContext db, CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is null || System.Diagnostics.Stopwatch.GetTimestamp() - cached.ReadAt > RefreshTicks)
        {
            var readAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var setting = await db.ReadBranchSettingAsync(cancellationToken);
            _cached = cached = new Cached(setting, await new FactReader(db).SpansAsync(cancellationToken), readAt);
        }
        var value = options.Value;
        return (value.ToBranch(cached.Setting.TrackingStartsOn, value.Today(time)), cached.Setting.Policy, cached.Spans);
    }
}
