using System.Collections.Concurrent;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Conversation;

/// <summary>The branch (time zone, tracking start) and its policy as stored; one small query per turn.</summary>
public sealed class BranchState(IOptions<BranchOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Policy> _policies = new(StringComparer.Ordinal);

    public async Task<(Branch Branch, Policy Policy)> LoadAsync(BranchDbContext db, CancellationToken cancellationToken)
    {
        var setting = await db.BranchSettings.AsNoTracking()
            .Where(s => s.Id == BranchSetting.SingletonId)
            .Select(s => new { s.TrackingStartsOn, s.PolicyJson })
            .FirstOrDefaultAsync(cancellationToken);
        var value = options.Value;
        var branch = value.ToBranch(setting?.TrackingStartsOn, value.Today(time));
        var policy = setting?.PolicyJson is { Length: > 0 } json
            ? _policies.GetOrAdd(json, Policy.FromJson)
            : Policy.Default;
        return (branch, policy);
    }
}

/// <summary>
/// Loads the roster slice and the facts a schedule needs: the given members, the mentees of any mentor among
/// them (mentor duties are found through mentees), and facts since the window start.
/// </summary>
public static class ScheduleLoading
{
    /// <summary>Far enough back for every open obligation people still chase (two half-years).</summary>
    public static DateOnly WindowStart(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-12);

    public static async Task<ObligationSchedule> LoadAsync(Turn turn, IReadOnlyCollection<int>? memberIds, CancellationToken cancellationToken)
    {
        var db = turn.Db;
        var members = memberIds is null
            ? await db.Members.AsNoTracking().Include(m => m.Mentors).ToListAsync(cancellationToken)
            : await db.Members.AsNoTracking().Include(m => m.Mentors)
                .Where(m => memberIds.Contains(m.Id) || m.Mentors.Any(a => memberIds.Contains(a.MentorId)))
                .ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var since = turn.Branch.ToInstant(WindowStart(turn.Today).ToDateTime(TimeOnly.MinValue));
        var sinceDate = WindowStart(turn.Today);
        var everyone = memberIds is null;

        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.SubmittedAt >= since && (everyone || ids.Contains(s.MemberId))).ToListAsync(cancellationToken);
        var talks = await db.Talks.AsNoTracking()
            .Where(t => t.Date >= sinceDate && (everyone || ids.Contains(t.MenteeId) || ids.Contains(t.MentorId))).ToListAsync(cancellationToken);
        var excuses = await db.Excuses.AsNoTracking()
            .Where(e => e.At >= since && (everyone || ids.Contains(e.SubjectId))).ToListAsync(cancellationToken);
        var extensions = await db.Extensions.AsNoTracking()
            .Where(e => e.RequestedAt >= since && (everyone || ids.Contains(e.MemberId))).ToListAsync(cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.At >= since && (everyone || ids.Contains(e.SubjectId))).ToListAsync(cancellationToken);

        return new ObligationSchedule(turn.Branch, turn.Policy, members, new FactIndex(submissions, talks, excuses, extensions, evaluations));
    }

    /// <summary>Reports and talks can be handed in late, but not for a period older than the one before the current.</summary>
    public static bool IsClosed(Period period, DateOnly today) => today > period.Next().End;

    public static bool IsNotOpen(Period period, DateOnly today) => today < period.Start;
}
