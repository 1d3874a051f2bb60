using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Queries;

public static class RosterQueries
{
    // What the schedule and the yearly figures read of a person: their mentors and the stage history that says what
    // they owed when. A member read without the history knows only their current stage (Member.Stages).
    // Split: one query joining both collections repeats every member row per mentor and stage.
    public static IQueryable<Member> WithStageHistory(this IQueryable<Member> members) =>
        members.Include(m => m.Mentors).Include(m => m.StageChanges).AsSplitQuery();
}
