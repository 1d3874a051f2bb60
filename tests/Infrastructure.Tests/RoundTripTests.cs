using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public abstract class RoundTripTests(DatabaseProvider provider) : IDisposable
{
    public sealed class OnSqlite() : RoundTripTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : RoundTripTests(DatabaseProvider.Postgres);
    public sealed class OnSqlServer() : RoundTripTests(DatabaseProvider.SqlServer);

    private readonly TestDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    [SkippableTheory]
    [InlineData("2026-11")]
    [InlineData("2026-Q4")]
    [InlineData("2026-H2")]
    public async Task Period_SavedAndLoaded_IsStoredAsItsKey(string key)
    {
        int memberId;
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            memberId = member.Id;
            db.Excuses.Add(new Excuse(memberId, memberId, ObligationKind.ThoughtReport, Period.Parse(key), "病假", memberId, DateTimeOffset.UnixEpoch));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var stored = await read.Database.SqlQueryRaw<string>("SELECT \"PeriodKey\" AS \"Value\" FROM \"Excuses\"").SingleAsync();
        var loaded = await read.Excuses.SingleAsync(e => e.Period == Period.Parse(key));
        Assert.Equal(key, stored);
        Assert.Equal(Period.Parse(key), loaded.Period);
    }

    [SkippableFact]
    public async Task DateTimeOffset_SavedOnServer_KeepsTheInstantToTheMicrosecond()
    {
        Skip.If(provider == DatabaseProvider.Sqlite, "server providers only: SQLite is covered by DateTimeOffset_SavedOnSqlite_KeepsTheInstantToTheTickAsUtc.");
        var at = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.FromHours(8)).AddTicks(1234560);
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            db.Submissions.Add(Seed.Report(member.Id, at: at));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var loaded = await read.Submissions.SingleAsync();
        Assert.Equal(at.UtcTicks, loaded.SubmittedAt.UtcTicks);
        Assert.Equal(1, await read.Submissions.CountAsync(s => s.SubmittedAt == at));
    }

    [SkippableFact]
    public async Task DateTimeOffset_SavedOnSqlite_KeepsTheInstantToTheTickAsUtc()
    {
        Skip.If(provider != DatabaseProvider.Sqlite, "SQLite stores ticks; the server providers are covered by DateTimeOffset_SavedOnServer_KeepsTheInstantToTheMicrosecond.");
        var at = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.FromHours(8)).AddTicks(1234567);
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            db.Submissions.Add(Seed.Report(member.Id, at: at));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var loaded = await read.Submissions.SingleAsync();
        Assert.Equal(at.UtcTicks, loaded.SubmittedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, loaded.SubmittedAt.Offset);
    }

    [SkippableFact]
    public async Task DateTimeOffset_ComparedAndOrderedInSql_UsesTheInstant()
    {
        var deadline = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.FromHours(8));
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            // 16:30 UTC is after 23:59:59 +08:00 although its wall-clock reading is earlier.
            db.Submissions.Add(Seed.Report(member.Id, version: 1, at: new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)));
            db.Submissions.Add(Seed.Report(member.Id, version: 2, at: new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.FromHours(8))));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var onTime = await read.Submissions.Where(s => s.SubmittedAt <= deadline).Select(s => s.Version).ToListAsync();
        var ordered = await read.Submissions.OrderBy(s => s.SubmittedAt).Select(s => s.Version).ToListAsync();
        Assert.Equal([2], onTime);
        Assert.Equal([2, 1], ordered);
    }

    [SkippableFact]
    public async Task Submission_ResubmittedInTheSamePeriod_IsANewRowWithTheNextVersion()
    {
        await using (var db = _database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db);
            db.Submissions.Add(Seed.Report(member.Id, version: 1));
            await db.SaveChangesAsync();
            db.Submissions.Add(Seed.Report(member.Id, version: 2));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var versions = await read.Submissions.Where(s => s.Period == Period.Parse("2026-11")).OrderBy(s => s.Version).Select(s => s.Version).ToListAsync();
        Assert.Equal([1, 2], versions);
    }

    [SkippableFact]
    public async Task Submission_SameVersionTwice_IsRejectedByTheDatabase()
    {
        await using var db = _database.NewContext();
        var (_, member) = await Seed.MemberAsync(db);
        db.Submissions.Add(Seed.Report(member.Id, version: 1));
        await db.SaveChangesAsync();

        db.Submissions.Add(Seed.Report(member.Id, version: 1));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Submission_DuplicateIdempotencyKey_IsRejectedButMissingKeysMayRepeat()
    {
        await using var db = _database.NewContext();
        var (_, member) = await Seed.MemberAsync(db);
        db.Submissions.Add(Seed.Report(member.Id, version: 1, key: null));
        db.Submissions.Add(Seed.Report(member.Id, version: 2, key: null));
        db.Submissions.Add(Seed.Report(member.Id, version: 3, key: "card-1"));
        await db.SaveChangesAsync();

        db.Submissions.Add(Seed.Report(member.Id, version: 4, key: "card-1"));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Talk_DuplicateIdempotencyKey_IsRejected()
    {
        await using var db = _database.NewContext();
        var (_, mentee) = await Seed.MemberAsync(db, "2022001");
        var (_, mentor) = await Seed.MemberAsync(db, "2019001", Stage.Full);
        Talk NewTalk() => new(mentor.Id, mentee.Id, new DateOnly(2026, 11, 12), TalkMode.InPerson, "学习近况", "交流了学习和思想情况", null, DateTimeOffset.UnixEpoch, "talk-card-1");
        db.Talks.Add(NewTalk());
        await db.SaveChangesAsync();

        db.Talks.Add(NewTalk());

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Member_MentorsReplaced_AreStoredAndOldOnesRemoved()
    {
        int menteeId, secondId;
        await using (var db = _database.NewContext())
        {
            var (_, mentee) = await Seed.MemberAsync(db, "2022001", Stage.DevelopmentTarget);
            var (_, first) = await Seed.MemberAsync(db, "2019001", Stage.Full);
            var (_, second) = await Seed.MemberAsync(db, "2019002", Stage.Full);
            var (_, third) = await Seed.MemberAsync(db, "2019003", Stage.Full);
            mentee.SetMentors([first.Id, second.Id]);
            await db.SaveChangesAsync();
            mentee.SetMentors([second.Id, third.Id]);
            await db.SaveChangesAsync();
            (menteeId, secondId) = (mentee.Id, second.Id);
        }

        await using var read = _database.NewContext();
        var loaded = await read.Members.Include(m => m.Mentors).SingleAsync(m => m.Id == menteeId);
        Assert.Equal(2, loaded.Mentors.Count);
        Assert.Contains(loaded.Mentors, a => a.MentorId == secondId && a.Kind == MentorKind.Introducer);
        Assert.Equal(2, await read.MentorAssignments.CountAsync());
    }

    [SkippableFact]
    public async Task Member_DuplicateEmail_IsRejectedButManyMayHaveNone()
    {
        await using var db = _database.NewContext();
        await Seed.MemberAsync(db, "2022001");
        await Seed.MemberAsync(db, "2022002");
        await Seed.MemberAsync(db, "2022003", email: "li@branch.example");

        await Assert.ThrowsAsync<DbUpdateException>(() => Seed.MemberAsync(db, "2022004", email: "LI@branch.example"));
    }

    [SkippableFact]
    public async Task ReminderDelivery_SameStepTwice_IsRejected()
    {
        await using var db = _database.NewContext();
        var (_, member) = await Seed.MemberAsync(db);
        ReminderDelivery NewDelivery() => new() { MemberId = member.Id, SubjectId = member.Id, Kind = ObligationKind.ThoughtReport, Period = Period.Parse("2026-11"), Step = "due-soon" };
        db.ReminderDeliveries.Add(NewDelivery());
        await db.SaveChangesAsync();

        db.ReminderDeliveries.Add(NewDelivery());

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
