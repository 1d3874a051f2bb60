using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

internal static class Seed
{
    public static async Task<(Group Group, Member Member)> MemberAsync(BranchDbContext db, string studentNumber = "2022001", Stage stage = Stage.Activist, string? email = null)
    {
        var group = db.Groups.Local.FirstOrDefault() ?? db.Groups.FirstOrDefault();
        if (group is null)
        {
            group = new Group("第一党小组");
            db.Groups.Add(group);
            await db.SaveChangesAsync();
        }
        var member = new Member(studentNumber, "张三" + studentNumber, group.Id, stage, new DateOnly(2026, 3, 1), email: email);
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return (group, member);
    }

    // A person written as a row, for a database still at an older migration than today's model (which would also
    // write the stage history). Returns the member's id.
    public static async Task<int> MemberRowAsync(BranchDbContext db, string studentNumber, Stage stage, DateOnly stageSince)
    {
        var group = db.Groups.Local.FirstOrDefault() ?? db.Groups.FirstOrDefault();
        if (group is null)
        {
            group = new Group("第一党小组");
            db.Groups.Add(group);
            await db.SaveChangesAsync();
        }
        var since = stageSince.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO Members (StudentNumber, Name, GroupId, Stage, StageSince, Roles) VALUES ({studentNumber}, {"张三" + studentNumber}, {group.Id}, {(int)stage}, {since}, 0)");
        return await db.Database.SqlQuery<int>($"SELECT Id AS Value FROM Members WHERE StudentNumber = {studentNumber}").SingleAsync();
    }

    public static Submission Report(int memberId, string period = "2026-11", int version = 1, string? key = null, DateTimeOffset? at = null) =>
        new(memberId, ObligationKind.ThoughtReport, Period.Parse(period), "本月思想汇报", at ?? new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.FromHours(8)), version, key);

    // Every stored fact as the Domain sees it, read whole and turned into facts in memory, independently of
    // FactReader: all versions of reports (the earliest decides) and only approved extensions.
    public static async Task<FactIndex> AllFactsAsync(BranchDbContext db) =>
        new(
            [
                .. (await db.Submissions.AsNoTracking().ToListAsync()).Select(s => FulfilmentFact.Report(s.MemberId, s.Kind, s.Period, s.SubmittedAt)),
                .. (await db.Talks.AsNoTracking().ToListAsync()).Select(t => FulfilmentFact.Talk(t.MentorId, t.MenteeId, t.Date, t.RecordedAt)),
                .. (await db.Evaluations.AsNoTracking().ToListAsync()).Select(e => FulfilmentFact.Evaluation(e.SubjectId, e.Kind, e.Period, e.At)),
            ],
            [.. (await db.Excuses.AsNoTracking().ToListAsync()).Select(e => new ExcuseFact(e.OwnerId, e.SubjectId, e.Kind, e.Period, e.At))],
            [.. (await db.Extensions.AsNoTracking().ToListAsync()).Where(e => e.Status == ExtensionStatus.Approved)
                .Select(e => new ExtensionFact(e.MemberId, e.Kind, e.Period, e.RequestedUntil))]);
}
