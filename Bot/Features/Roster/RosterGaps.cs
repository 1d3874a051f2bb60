using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Summary;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Roster;

// What the roster still lacks in the database (not only in the last file): activists without a mentor,
// development targets without two introducers. The import lets these in as warnings; the committee sees them.
public static class RosterGapQuery
{
    public static async Task<RosterGaps> LoadAsync(BranchDbContext db, int take, CancellationToken ct)
    {
        var activistNeeds = RosterRules.MentorRange(Stage.Activist).Min;
        var targetNeeds = RosterRules.MentorRange(Stage.DevelopmentTarget).Min;
        var gaps = db.Members.AsNoTracking().Where(m =>
            (m.Stage == Stage.Activist && m.Mentors.Count() < activistNeeds) ||
            (m.Stage == Stage.DevelopmentTarget && m.Mentors.Count() < targetNeeds));
        var total = await gaps.CountAsync(ct);
        if (total == 0) return RosterGaps.None;
        var first = await gaps
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.Name, m.StudentNumber, Group = g.Name, m.Stage, Mentors = m.Mentors.Count() })
            .OrderBy(x => x.Group).ThenBy(x => x.StudentNumber)
            .Take(take)
            .ToListAsync(ct);
        return new RosterGaps(total, first.Select(x => new RosterGap(x.Name, x.StudentNumber, x.Group, x.Stage, x.Mentors,
            RosterRules.MentorRange(x.Stage).Min)).ToList());
    }
}
