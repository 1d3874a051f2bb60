using BranchBot.Domain;
using BranchBot.Infrastructure.Queries;

namespace BranchBot.Bot.Conversation;

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
