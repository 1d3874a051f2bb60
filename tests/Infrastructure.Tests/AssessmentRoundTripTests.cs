using BranchBot.Domain.Assessment;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public abstract class AssessmentRoundTripTests(DatabaseProvider provider) : IDisposable
{
    public sealed class OnSqlite() : AssessmentRoundTripTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : AssessmentRoundTripTests(DatabaseProvider.Postgres);

    private static readonly DateTimeOffset At = new(2026, 3, 20, 2, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    [SkippableFact]
    public async Task BranchDutyRecord_Saved_ReadsBackTheSame()
    {
        int memberId, leaderId;
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            var (_, leader) = await Seed.MemberAsync(db, studentNumber: "2022002");
            (memberId, leaderId) = (member.Id, leader.Id);
            db.BranchDutyRecords.Add(new BranchDutyRecord(member.Id, BranchDutyKind.DormCheck, new DateOnly(2026, 3, 19), "  三楼  ", leader.Id, At));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var back = await read.BranchDutyRecords.SingleAsync();
        Assert.Equal((memberId, BranchDutyKind.DormCheck, new DateOnly(2026, 3, 19), "三楼", leaderId, At.UtcTicks),
            (back.MemberId, back.Kind, back.Date, back.Note, back.RecordedById, back.RecordedAt.UtcTicks));
    }

    [SkippableFact]
    public async Task ConductRecord_RatedAgain_ReadsBackTheLatest()
    {
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            var record = new ConductRecord(member.Id, new DateOnly(2026, 2, 1), ConductRating.Good, null, member.Id, At);
            db.ConductRecords.Add(record);
            await db.SaveChangesAsync();
            record.Rate(ConductRating.Excellent, "积极发言", member.Id, At.AddDays(1));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var back = await read.ConductRecords.SingleAsync();
        Assert.Equal((new DateOnly(2026, 2, 1), ConductRating.Excellent, "积极发言", At.AddDays(1).UtcTicks),
            (back.SemesterStart, back.Rating, back.Note, back.RecordedAt.UtcTicks));
    }

    [SkippableFact]
    public async Task ConductRecord_SameMemberAndSemesterTwice_IsRejectedByTheDatabase()
    {
        await using var db = _database.NewContext();
        var (_, member) = await Seed.MemberAsync(db);
        db.ConductRecords.Add(new ConductRecord(member.Id, new DateOnly(2026, 2, 1), ConductRating.Good, null, member.Id, At));
        await db.SaveChangesAsync();

        db.ConductRecords.Add(new ConductRecord(member.Id, new DateOnly(2026, 2, 1), ConductRating.Adequate, null, member.Id, At));
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(UniqueViolation.IsUniqueViolation(e));
        Assert.Equal(1, await _database.NewContext().ConductRecords.CountAsync());
    }
}
