using BranchBot.Domain;
using BranchBot.Domain.Assessment;
using BranchBot.Domain.Meetings;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Assessment;

/// <summary>Loads the semester's assessment sheets of the activists of one group (or of the whole branch, or one person), counted by the Domain.</summary>
public static class AssessmentSheets
{
    /// <summary>The semester shown now: the one of today, else the latest that ended (<see cref="AssessmentRules.OpenSemesters"/>).</summary>
    public static async Task<IReadOnlyList<Semester>> OpenSemestersAsync(BranchDbContext db, DateOnly today, CancellationToken ct) =>
        AssessmentRules.OpenSemesters(today, await new FactReader(db).SpansAsync(ct));

    /// <summary>The sheets of the activists in <paramref name="groupId"/> (null: the branch), or only <paramref name="memberId"/>'s, ordered by name.</summary>
    public static async Task<IReadOnlyList<AssessmentSheet>> ForAsync(BranchDbContext db, Branch branch, Policy policy, Semester semester, int? groupId, int? memberId,
        DateTimeOffset now, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().WithStageHistory()
            .Where(m => m.Stage == Stage.Activist && (groupId == null || m.GroupId == groupId) && (memberId == null || m.Id == memberId))
            .OrderBy(m => m.Name).ThenBy(m => m.StudentNumber).ToListAsync(ct);
        if (members.Count == 0) return [];
        var ids = members.Select(m => m.Id).ToArray();
        var today = branch.LocalDate(now);
        var facts = await new FactReader(db).ForBranchAsync(policy, semester.Start, today < semester.End ? today : semester.End, ct);
        var duties = await db.BranchDutyRecords.AsNoTracking()
            .Where(d => ids.Contains(d.MemberId) && d.Date >= semester.Start && d.Date <= semester.End).ToListAsync(ct);
        var conduct = await db.ConductRecords.AsNoTracking().Where(c => ids.Contains(c.MemberId) && c.SemesterStart == semester.Start).ToListAsync(ct);
        var schedule = new ObligationSchedule(branch, policy, members, facts);
        return [.. members.Select(m => AssessmentSheet.For(schedule, m, semester, duties, conduct, now))];
    }
}
