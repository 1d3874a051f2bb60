using BranchBot.Domain;
using BranchBot.Infrastructure.Queries;

namespace BranchBot.Bot.Conversation;

/// <summary>Schedules for a flow: the given members (null: the whole branch) and what they owe since <see cref="Since"/>.</summary>
public static class ScheduleLoading
{
    /// <summary>How far back obligations are looked at (the Domain's <see cref="HandInWindow.ChaseFrom"/>).</summary>
    public static DateOnly Since(Turn turn) => HandInWindow.ChaseFrom(turn.Branch.TrackingStartsOn, turn.Today);

    public static async Task<ObligationSchedule> LoadAsync(Turn turn, IReadOnlyCollection<int>? memberIds, CancellationToken cancellationToken)
    {
        var loader = new ObligationLoader(turn.Db);
        var loaded = memberIds is null
            ? await loader.ForBranchAsync(turn.Branch, turn.Policy, turn.Today, Since(turn), cancellationToken)
            : await loader.ForMembersAsync(memberIds, turn.Branch, turn.Policy, turn.Today, Since(turn), cancellationToken);
        return loaded.Schedule;
    }

    /// <summary>One person's schedule, with whether they ever handed in a report (read with their reports).</summary>
    public static Task<LoadedSchedule> ForPersonAsync(Turn turn, int memberId, CancellationToken cancellationToken) =>
        new ObligationLoader(turn.Db).ForMembersAsync([memberId], turn.Branch, turn.Policy, turn.Today, Since(turn), cancellationToken);
}
