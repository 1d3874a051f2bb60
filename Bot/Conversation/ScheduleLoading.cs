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

    /// <summary>
    /// What the members owe that may still be open today: the facts of <see cref="FactWindow.StillOpen"/> only, decided by
    /// the members' and their mentors' approved extensions, so an overdue list reads a few months, not a year. Ask it
    /// only what is open (<see cref="LoadedSchedule.OpenAt"/>, from <see cref="LoadedSchedule.Since"/>).
    /// </summary>
    public static async Task<LoadedSchedule> StillOpenAsync(Turn turn, IReadOnlyCollection<int> memberIds, CancellationToken cancellationToken) =>
        await new ObligationLoader(turn.Db).StillOpenForMembersAsync(memberIds, turn.Branch, turn.Policy, turn.Today,
            await turn.SpansAsync(cancellationToken), cancellationToken);

    /// <summary>One person's schedule, with whether they ever handed in a report (read with their reports).</summary>
    public static Task<LoadedSchedule> ForPersonAsync(Turn turn, int memberId, CancellationToken cancellationToken) =>
        new ObligationLoader(turn.Db).ForMembersAsync([memberId], turn.Branch, turn.Policy, turn.Today, Since(turn), cancellationToken);
}
