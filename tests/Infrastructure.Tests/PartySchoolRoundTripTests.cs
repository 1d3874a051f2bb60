using BranchBot.Domain.Evaluations;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public abstract class PartySchoolRoundTripTests(DatabaseProvider provider) : IDisposable
{
    public sealed class OnSqlite() : PartySchoolRoundTripTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : PartySchoolRoundTripTests(DatabaseProvider.Postgres);

    private static readonly DateTimeOffset At = new(2026, 3, 20, 2, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    [SkippableFact]
    public async Task PartySchoolNomination_NominatedAndCompleted_ReadsBackTheSame()
    {
        int memberId;
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            memberId = member.Id;
            var nomination = new PartySchoolNomination(member.Id, new PartySchoolSession(2026, 4), member.Id, At);
            db.PartySchoolNominations.Add(nomination);
            await db.SaveChangesAsync();
            Assert.True(nomination.Complete(new DateOnly(2026, 4, 28), member.Id));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var back = await read.PartySchoolNominations.SingleAsync();
        Assert.Equal((memberId, new PartySchoolSession(2026, 4), memberId, At.UtcTicks, (DateOnly?)new DateOnly(2026, 4, 28), (int?)memberId),
            (back.MemberId, back.Session, back.NominatedById, back.NominatedAt.UtcTicks, back.CompletedOn, back.CompletionRecordedById));
    }

    [SkippableFact]
    public async Task PartySchoolNomination_SameMemberAndSessionTwice_IsRejectedByTheDatabase()
    {
        await using var db = _database.NewContext();
        var (_, member) = await Seed.MemberAsync(db);
        db.PartySchoolNominations.Add(new PartySchoolNomination(member.Id, new PartySchoolSession(2026, 10), member.Id, At));
        await db.SaveChangesAsync();

        db.PartySchoolNominations.Add(new PartySchoolNomination(member.Id, new PartySchoolSession(2026, 10), member.Id, At));
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(UniqueViolation.IsUniqueViolation(e));
        Assert.Equal(1, await _database.NewContext().PartySchoolNominations.CountAsync());
    }
}
