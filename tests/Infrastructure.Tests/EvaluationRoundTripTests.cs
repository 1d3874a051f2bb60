using BranchBot.Domain.Evaluations;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public abstract class EvaluationRoundTripTests(DatabaseProvider provider) : IDisposable
{
    public sealed class OnSqlite() : EvaluationRoundTripTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : EvaluationRoundTripTests(DatabaseProvider.Postgres);

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

    [SkippableFact]
    public async Task EvaluationRound_WithThreePartsAndClosed_ReadsBackTheSame()
    {
        int subjectId, peerId;
        await using (var db = _database.NewContext())
        {
            var (_, subject) = await Seed.MemberAsync(db, stage: BranchBot.Domain.Stage.Probationary);
            var (_, peer) = await Seed.MemberAsync(db, studentNumber: "2022002");
            (subjectId, peerId) = (subject.Id, peer.Id);
            var round = new EvaluationRound(subject.Id, new DateOnly(2026, 1, 10), 1, 1, peer.Id, At);
            db.EvaluationRounds.Add(round);
            await db.SaveChangesAsync();
            db.EvaluationRatings.AddRange(
                new EvaluationRating(round.Id, EvaluationPart.Self, subject.Id, 90m, "  认真学习  ", At),
                new EvaluationRating(round.Id, EvaluationPart.Peer, peer.Id, 80.25m, null, At),
                new EvaluationRating(round.Id, EvaluationPart.Branch, peer.Id, 85.5m, "", At));
            await db.SaveChangesAsync();
            round.Close(new EvaluationOutcome(true, 1, 1, 80.25m, true, 84.83m, true), At.AddDays(1));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var back = await read.EvaluationRounds.SingleAsync();
        Assert.Equal((subjectId, new DateOnly(2026, 1, 10), 1, 1, (decimal?)84.83m, (bool?)true, (long?)At.AddDays(1).UtcTicks),
            (back.SubjectId, back.ProbationSince, back.Number, back.PeersNeeded, back.Score, back.Passed, back.ClosedAt?.UtcTicks));
        var ratings = await read.EvaluationRatings.OrderBy(r => r.Part).ToListAsync();
        Assert.Equal(
            [(EvaluationPart.Self, subjectId, 0, 90m, (string?)"认真学习"), (EvaluationPart.Peer, peerId, peerId, 80.25m, null), (EvaluationPart.Branch, peerId, 0, 85.5m, null)],
            ratings.Select(r => (r.Part, r.RaterId, r.Slot, r.Score, r.Text)));
    }

    [SkippableFact]
    public async Task EvaluationRating_SamePeerTwiceInARound_IsRejectedByTheDatabase()
    {
        await using var db = _database.NewContext();
        var (_, subject) = await Seed.MemberAsync(db, stage: BranchBot.Domain.Stage.Probationary);
        var (_, peer) = await Seed.MemberAsync(db, studentNumber: "2022002");
        var round = new EvaluationRound(subject.Id, new DateOnly(2026, 1, 10), 1, 1, peer.Id, At);
        db.EvaluationRounds.Add(round);
        await db.SaveChangesAsync();
        db.EvaluationRatings.Add(new EvaluationRating(round.Id, EvaluationPart.Peer, peer.Id, 80m, null, At));
        await db.SaveChangesAsync();

        db.EvaluationRatings.Add(new EvaluationRating(round.Id, EvaluationPart.Peer, peer.Id, 60m, null, At));
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(UniqueViolation.IsUniqueViolation(e));
    }
}
