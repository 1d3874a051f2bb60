using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;

namespace BranchBot.Infrastructure.Tests;

// FactReader against a migrated SQLite file: each fact table becomes its Domain fact, and the window
// [since, today] is exact at its edges.
public abstract class FactReaderTests(DatabaseProvider provider) : IDisposable
{
    public sealed class OnSqlite() : FactReaderTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : FactReaderTests(DatabaseProvider.Postgres);
    public sealed class OnSqlServer() : FactReaderTests(DatabaseProvider.SqlServer);

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateOnly Since = new(2026, 10, 15);
    private static readonly DateOnly Today = new(2026, 11, 26);

    private readonly TestDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    private static DateTimeOffset At(int month, int day, int hour = 20) => new(2026, month, day, hour, 0, 0, Cst);
    private static Period P(string key) => Period.Parse(key);

    [SkippableFact]
    public async Task ForBranchAsync_EveryKind_ReadsItsFactWithoutText()
    {
        await using var db = _database.NewContext();
        var (_, mentor) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, activist) = await Seed.MemberAsync(db, "2026002");
        db.Submissions.Add(new Submission(activist.Id, ObligationKind.ThoughtReport, P("2026-11"), "第一版", At(11, 20), 1, null));
        db.Submissions.Add(new Submission(activist.Id, ObligationKind.ThoughtReport, P("2026-11"), "第二版", At(11, 22), 2, null));
        db.Talks.Add(new Talk(mentor.Id, activist.Id, new DateOnly(2026, 11, 3), TalkMode.Online, "近况", "交流", "下月再谈", At(11, 4), null));
        db.Excuses.Add(new Excuse(mentor.Id, activist.Id, ObligationKind.Talk, P("2026-10"), "出差", mentor.Id, At(10, 30)));
        db.Evaluations.Add(new Evaluation(activist.Id, ObligationKind.ActivistEvaluation, P("2026-Q4"), false, "需改进", mentor.Id, At(11, 10)));
        var granted = new Extension(activist.Id, ObligationKind.ThoughtReport, P("2026-10"), new DateOnly(2026, 11, 7), "考试", At(10, 28));
        granted.Decide(approve: true, mentor.Id, At(11, 2), grantedUntil: new DateOnly(2026, 11, 9));
        var declined = new Extension(activist.Id, ObligationKind.ThoughtReport, P("2026-11"), new DateOnly(2026, 12, 7), "竞赛", At(11, 25));
        declined.Decide(approve: false, mentor.Id, At(11, 25, 21));
        db.Extensions.AddRange(granted, declined,
            new Extension(mentor.Id, ObligationKind.Talk, P("2026-11"), new DateOnly(2026, 12, 7), "出差", At(11, 26, 9)));
        await db.SaveChangesAsync();

        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, Since, Today, CancellationToken.None);

        Assert.Equal(FulfilmentFact.Report(activist.Id, ObligationKind.ThoughtReport, P("2026-11"), At(11, 20)), Assert.Single(facts.Reports));
        Assert.Equal(FulfilmentFact.Talk(mentor.Id, activist.Id, new DateOnly(2026, 11, 3), At(11, 4)), Assert.Single(facts.Talks));
        Assert.Equal(new ExcuseFact(mentor.Id, activist.Id, ObligationKind.Talk, P("2026-10"), At(10, 30)), Assert.Single(facts.Excuses));
        Assert.Equal(FulfilmentFact.Evaluation(activist.Id, ObligationKind.ActivistEvaluation, P("2026-Q4"), At(11, 10)), Assert.Single(facts.Evaluations));
        // The granted date, not the one asked for; declined and undecided requests move nothing.
        Assert.Equal(new ExtensionFact(activist.Id, ObligationKind.ThoughtReport, P("2026-10"), new DateOnly(2026, 11, 9)), Assert.Single(facts.Extensions));
    }

    // A reminder job's window (FactWindow.StillOpen) from what is stored: only an approved extension keeps a period
    // that closed long ago in it; then its facts are read, and those of the closed months around it are not.
    [SkippableFact]
    public async Task StillOpenWindowAsync_ApprovedExtensionOfAClosedMonth_ReachesBackToItAndReadsItsFacts()
    {
        await using var db = _database.NewContext();
        var (_, leader) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, activist) = await Seed.MemberAsync(db, "2026002");
        foreach (var month in new[] { "2026-05", "2026-06", "2026-07", "2026-10", "2026-11" })
            db.Submissions.Add(new Submission(activist.Id, ObligationKind.ThoughtReport, P(month), "思想汇报", At(11, 1), 1, null));
        var granted = new Extension(activist.Id, ObligationKind.ThoughtReport, P("2026-06"), new DateOnly(2026, 12, 2), "出国交流", At(6, 20));
        granted.Decide(approve: true, leader.Id, At(6, 21));
        var declined = new Extension(activist.Id, ObligationKind.ThoughtReport, P("2026-05"), new DateOnly(2026, 12, 2), "竞赛", At(5, 20));
        declined.Decide(approve: false, leader.Id, At(5, 21));
        db.Extensions.AddRange(granted, declined);
        await db.SaveChangesAsync();
        var reader = new FactReader(db);

        var window = await reader.StillOpenWindowAsync(Policy.Default, new DateOnly(2025, 12, 1), Today, Today, CancellationToken.None);
        var facts = await reader.ForBranchAsync(Policy.Default, window, Today, CancellationToken.None);

        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1)), (window.From(Cadence.Monthly), window.From(Cadence.Quarterly)));
        Assert.Equal(["2026-06", "2026-07", "2026-10", "2026-11"], facts.Reports.Select(r => r.Period!.Key).Order(StringComparer.Ordinal));
        Assert.Equal(P("2026-06"), Assert.Single(facts.Extensions).Period);
    }

    // The catalogue's FactReader stop: for every kind (Enum.GetValues, so a new kind is checked by construction), its
    // stored record, read back through FactReader, fulfils the kind's period for the kind's owner.
    public static TheoryData<ObligationKind> Kinds() => [.. Enum.GetValues<ObligationKind>()];

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task ForBranchAsync_EveryKindsStoredRecord_FulfilsItsPeriod(ObligationKind kind)
    {
        await using var db = _database.NewContext();
        var (_, mentor) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, subject) = await Seed.MemberAsync(db, "2026002");
        var duty = DutyKinds.Of(kind);
        var period = Period.Containing(duty.DefaultCadence, new DateOnly(2026, 11, 3));
        switch (duty.FulfilledBy)
        {
            case Fulfilment.ReportForPeriod:
                db.Submissions.Add(new Submission(subject.Id, kind, period, "汇报", At(11, 20), 1, null));
                break;
            case Fulfilment.TalkDatedInPeriod:
                db.Talks.Add(new Talk(mentor.Id, subject.Id, new DateOnly(2026, 11, 3), TalkMode.Online, "近况", "交流", null, At(11, 20), null));
                break;
            case Fulfilment.EvaluationForPeriod:
                db.Evaluations.Add(new Evaluation(subject.Id, kind, period, true, "", mentor.Id, At(11, 20)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "No stored record for this fulfilment yet: add its FactReader projection and a row here.");
        }
        await db.SaveChangesAsync();

        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, Since, Today, CancellationToken.None);

        int? ownerId = duty.Owner switch { Owner.Self => subject.Id, Owner.Mentor => mentor.Id, _ => null };
        Assert.Equal(At(11, 20), facts.FulfilledAt(kind, ownerId, subject.Id, period));
    }

    [SkippableFact]
    public async Task ForBranchAsync_WindowEdges_ReadsThePeriodsOverlappingSinceToToday()
    {
        await using var db = _database.NewContext();
        var (_, mentor) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, member) = await Seed.MemberAsync(db, "2026002", Stage.Probationary);
        foreach (var key in new[] { "2026-09", "2026-10", "2026-11", "2026-12" })
        {
            db.Submissions.Add(new Submission(member.Id, ObligationKind.ThoughtReport, P(key), "汇报", At(11, 20), 1, null));
            db.Excuses.Add(new Excuse(mentor.Id, member.Id, ObligationKind.Talk, P(key), "出差", mentor.Id, At(11, 20)));
            db.Extensions.Add(Approved(new Extension(member.Id, ObligationKind.ThoughtReport, P(key), new DateOnly(2027, 1, 7), "考试", At(11, 20)), mentor.Id));
        }
        foreach (var key in new[] { "2026-Q3", "2026-Q4", "2027-Q1" })
        {
            db.Submissions.Add(new Submission(member.Id, ObligationKind.BranchReport, P(key), "书面汇报", At(11, 20), 1, null));
            db.Evaluations.Add(new Evaluation(member.Id, ObligationKind.ActivistEvaluation, P(key), true, "", mentor.Id, At(11, 20)));
        }
        foreach (var key in new[] { "2026-H1", "2026-H2" })
            db.Evaluations.Add(new Evaluation(member.Id, ObligationKind.ProbationaryEvaluation, P(key), true, "", mentor.Id, At(11, 20)));
        foreach (var date in new[] { new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 26) })
            db.Talks.Add(new Talk(mentor.Id, member.Id, date, TalkMode.InPerson, "谈话", "交流", null, At(11, 26, 9), null));
        await db.SaveChangesAsync();

        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, Since, Today, CancellationToken.None);

        // October contains `since`, November contains `today`; September ended before and December starts after.
        Assert.Equal(["2026-10", "2026-11", "2026-Q4"], Keys(facts.Reports.Select(r => r.Period!)));
        Assert.Equal(["2026-10", "2026-11"], Keys(facts.Excuses.Select(e => e.Period)));
        Assert.Equal(["2026-10", "2026-11"], Keys(facts.Extensions.Select(e => e.Period)));
        Assert.Equal(["2026-H2", "2026-Q4"], Keys(facts.Evaluations.Select(e => e.Period!)));
        // The longest talk period of the default policy is a quarter: talks from the start of the one containing `since`.
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 26)], facts.Talks.Select(t => t.HeldOn!.Value).Order());
    }

    [SkippableFact]
    public async Task ForPeopleAsync_SomePeople_ReadsTheirFactsAndTheExtendersExtensionsOnly()
    {
        await using var db = _database.NewContext();
        var (_, mentor) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, mentee) = await Seed.MemberAsync(db, "2026002");
        var (_, other) = await Seed.MemberAsync(db, "2026003");
        foreach (var id in new[] { mentee.Id, other.Id })
        {
            db.Submissions.Add(new Submission(id, ObligationKind.ThoughtReport, P("2026-11"), "汇报", At(11, 20), 1, null));
            db.Excuses.Add(new Excuse(id, id, ObligationKind.ThoughtReport, P("2026-10"), "病假", mentor.Id, At(10, 20)));
            db.Evaluations.Add(new Evaluation(id, ObligationKind.ActivistEvaluation, P("2026-Q4"), true, "", mentor.Id, At(11, 20)));
            db.Extensions.Add(Approved(new Extension(id, ObligationKind.ThoughtReport, P("2026-11"), new DateOnly(2026, 12, 7), "考试", At(11, 25)), mentor.Id));
        }
        db.Talks.Add(new Talk(mentor.Id, mentee.Id, new DateOnly(2026, 11, 3), TalkMode.InPerson, "谈话", "交流", null, At(11, 3), null));
        db.Talks.Add(new Talk(mentor.Id, other.Id, new DateOnly(2026, 11, 4), TalkMode.InPerson, "谈话", "交流", null, At(11, 4), null));
        db.Extensions.Add(Approved(new Extension(mentor.Id, ObligationKind.Talk, P("2026-11"), new DateOnly(2026, 12, 7), "出差", At(11, 25)), mentor.Id));
        await db.SaveChangesAsync();

        var people = db.Members.Where(m => m.Id == mentee.Id).Select(m => m.Id);
        var extenders = db.Members.Where(m => m.Id == mentee.Id || m.Id == mentor.Id).Select(m => m.Id);
        var facts = await new FactReader(db).ForPeopleAsync(people, extenders, Policy.Default, Since, Today, CancellationToken.None);

        Assert.Equal(mentee.Id, Assert.Single(facts.Reports).SubjectId);
        Assert.Equal(mentee.Id, Assert.Single(facts.Excuses).SubjectId);
        Assert.Equal(mentee.Id, Assert.Single(facts.Evaluations).SubjectId);
        Assert.Equal((mentor.Id, mentee.Id), (Assert.Single(facts.Talks).OwnerId, Assert.Single(facts.Talks).SubjectId));
        Assert.Equal(new[] { mentee.Id, mentor.Id }.Order(), facts.Extensions.Select(e => e.MemberId).Order());
    }

    private static Extension Approved(Extension request, int deciderId)
    {
        request.Decide(approve: true, deciderId, request.RequestedAt.AddHours(1));
        return request;
    }

    private static string[] Keys(IEnumerable<Period> periods) => [.. periods.Select(p => p.Key).Order(StringComparer.Ordinal)];
}
