using System.Globalization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

// The loader reads only part of the database; each test checks that the schedule it builds answers exactly like
// one built from every member and every fact, over a small branch with a year of seeded, messy history.
public abstract class ObligationLoaderTests : IDisposable
{
    public sealed class OnSqlite() : ObligationLoaderTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : ObligationLoaderTests(DatabaseProvider.Postgres);
    public sealed class OnSqlServer() : ObligationLoaderTests(DatabaseProvider.SqlServer);

    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Branch Branch = new("测试支部", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new DateOnly(2026, 1, 1));
    private static readonly DateTimeOffset[] Instants = [Now, new(2026, 9, 5, 8, 30, 0, TimeSpan.FromHours(8)), new(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(8))];

    private readonly TestDatabase _database;
    private readonly LoaderBranch _branch;

    protected ObligationLoaderTests(DatabaseProvider provider)
    {
        _database = new TestDatabase(provider);
        using var db = _database.NewContext();
        _branch = LoaderBranch.Seed(db, seed: 11);
    }

    public void Dispose() => _database.Dispose();

    public static TheoryData<string> Sinces => ["2026-01-01", "2026-07-01", "2026-10-15", "2026-11-26"];

    [SkippableTheory]
    [MemberData(nameof(Sinces))]
    public async Task ForGroupAsync_EveryGroup_AnswersLikeAllFactsInMemory(string since)
    {
        var from = DateOnly.Parse(since, CultureInfo.InvariantCulture);
        var reference = await ReferenceAsync();
        foreach (var groupId in _branch.GroupIds)
        {
            await using var db = _database.NewContext();
            var loaded = await new ObligationLoader(db).ForGroupAsync(groupId, Branch, Policy.Default, Today, from, CancellationToken.None);

            var owners = reference.Members.Values.Where(m => m.GroupId == groupId).ToList();
            Assert.Equal(owners.Select(m => m.Id).Order(), loaded.Owners.Select(m => m.Id).Order());
            AssertSameAnswers(reference, loaded, owners, from);
        }
    }

    [SkippableFact]
    public async Task ForGroupAsync_DefaultSince_IsTheTrackingStart()
    {
        var reference = await ReferenceAsync();
        await using var db = _database.NewContext();

        var loaded = await new ObligationLoader(db).ForGroupAsync(_branch.GroupIds[0], Branch, Policy.Default, Today, CancellationToken.None);

        Assert.Equal(Branch.TrackingStartsOn, loaded.Since);
        Assert.Equal(Snapshot(reference.OpenAt(loaded.Owners, Now), Now), Snapshot(loaded.OpenAt(Now), Now));
    }

    [SkippableFact]
    public async Task ForGroupAsync_MentorOfAnotherGroupsActivist_KnowsTheMenteeButDoesNotOwnIt()
    {
        await using var db = _database.NewContext();

        var loaded = await new ObligationLoader(db).ForGroupAsync(_branch.GroupIds[0], Branch, Policy.Default, Today, CancellationToken.None);

        Assert.Contains(_branch.CrossGroupMenteeId, loaded.Schedule.Members.Keys);
        Assert.DoesNotContain(loaded.Owners, m => m.Id == _branch.CrossGroupMenteeId);
        Assert.Contains(loaded.Schedule.OwedBy(loaded.Owners, Today), o => o.Kind == ObligationKind.Talk && o.SubjectId == _branch.CrossGroupMenteeId);
    }

    [SkippableFact]
    public async Task ForGroupAsync_Since_ReadsOnlyReportsAndTalksOfPeriodsOverlappingTheWindow()
    {
        var since = new DateOnly(2026, 10, 15);
        await using var db = _database.NewContext();
        var target = await db.Members.Include(m => m.Mentors).FirstAsync(m => m.GroupId == _branch.GroupIds[1] && m.Stage == Stage.DevelopmentTarget);
        foreach (var date in new[] { new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 1) })
            db.Talks.Add(new Talk(target.Mentors[0].MentorId, target.Id, date, TalkMode.InPerson, "季度谈话", "交流", null, Now.AddDays(-30), null));
        await db.SaveChangesAsync();

        var loaded = await new ObligationLoader(db).ForGroupAsync(_branch.GroupIds[1], Branch, Policy.Default, Today, since, CancellationToken.None);

        var facts = loaded.Schedule.Facts;
        Assert.True(await db.Submissions.AnyAsync(s => s.Period == new Period(Cadence.Quarterly, 2026, 3)));
        Assert.Equal(["2026-10", "2026-11"], facts.Reports.Select(s => s.Period!.Key).Distinct().Order(StringComparer.Ordinal));
        // Development targets' talks are quarterly: a talk on 1 October counts for the quarter containing `since`.
        Assert.Equal(new DateOnly(2026, 10, 1), facts.Talks.Min(t => t.HeldOn));
        // First versions only: one report per member, kind and period.
        Assert.Equal(facts.Reports.Count, facts.Reports.DistinctBy(r => (r.OwnerId, r.Kind, r.Period)).Count());
        var approved = await db.Extensions.Where(e => e.Status == ExtensionStatus.Approved).Select(e => e.Id).CountAsync();
        Assert.True(approved < await db.Extensions.CountAsync());
        Assert.All(facts.Extensions, e => Assert.True(db.Extensions.Any(x => x.MemberId == e.MemberId && x.Kind == e.Kind && x.Period == e.Period && x.RequestedUntil == e.Until && x.Status == ExtensionStatus.Approved)));
    }

    [SkippableFact]
    public async Task ForMembersAsync_MembersOfTwoGroups_AnswersLikeAllFactsInMemory()
    {
        var reference = await ReferenceAsync();
        var ids = new[] { _branch.CrossGroupMenteeId, _branch.OutsideIntroducerId, _branch.GroupLeaderIds[0] };
        await using var db = _database.NewContext();

        var loaded = await new ObligationLoader(db).ForMembersAsync(ids, Branch, Policy.Default, Today, CancellationToken.None);

        Assert.Equal(ids.Order(), loaded.Owners.Select(m => m.Id).Order());
        AssertSameAnswers(reference, loaded, [.. ids.Select(id => reference.Members[id])], Branch.TrackingStartsOn);
    }

    // One person is read by its own compiled statements (my status, a report form, a person's page).
    [SkippableTheory]
    [MemberData(nameof(Sinces))]
    public async Task ForMembersAsync_EachMemberAlone_AnswersLikeAllFactsInMemory(string since)
    {
        var from = DateOnly.Parse(since, CultureInfo.InvariantCulture);
        var reference = await ReferenceAsync();
        foreach (var person in reference.Members.Values)
        {
            await using var db = _database.NewContext();
            var loaded = await new ObligationLoader(db).ForMembersAsync([person.Id], Branch, Policy.Default, Today, from, CancellationToken.None);

            Assert.Equal(person.Id, Assert.Single(loaded.Owners).Id);
            AssertSameAnswers(reference, loaded, [person], from, openMayBeEmpty: true);
            Assert.Equal(await db.Submissions.AnyAsync(s => s.MemberId == person.Id), loaded.HasReports);
        }
    }

    [SkippableFact]
    public async Task ForMembersAsync_MentorAlone_KnowsTheirMenteesFromOtherGroups()
    {
        await using var db = _database.NewContext();
        var mentorOfCrossMentee = (await db.MentorAssignments.FirstAsync(a => a.MenteeId == _branch.CrossGroupMenteeId && a.MentorId == _branch.GroupLeaderIds[0])).MentorId;

        var loaded = await new ObligationLoader(db).ForMembersAsync([mentorOfCrossMentee], Branch, Policy.Default, Today, CancellationToken.None);

        Assert.Contains(_branch.CrossGroupMenteeId, loaded.Schedule.Members.Keys);
        Assert.Contains(loaded.Schedule.OwedBy(loaded.Owners, Today), o => o.Kind == ObligationKind.Talk && o.SubjectId == _branch.CrossGroupMenteeId);
        Assert.NotEmpty(loaded.Schedule.Members[_branch.CrossGroupMenteeId].Mentors);
    }

    [SkippableTheory]
    [MemberData(nameof(Sinces))]
    public async Task ForBranchAsync_Everyone_AnswersLikeAllFactsInMemory(string since)
    {
        var from = DateOnly.Parse(since, CultureInfo.InvariantCulture);
        var reference = await ReferenceAsync();
        await using var db = _database.NewContext();

        var loaded = await new ObligationLoader(db).ForBranchAsync(Branch, Policy.Default, Today, from, CancellationToken.None);

        Assert.Equal(reference.Members.Count, loaded.Owners.Count);
        AssertSameAnswers(reference, loaded, [.. reference.Members.Values], from);
    }

    // An overdue list reads only what may still be open today for the people on it (FactWindow.StillOpen from their
    // and their mentors' approved extensions): on every fifth day from September to January, with the seeded extensions and one more that keeps a thought
    // report missed in the spring open until 10 December, every group's open obligations, a group read as a list of
    // members and each member alone are those of every fact since the tracking start.
    [SkippableFact]
    public async Task StillOpenWindow_EveryFifthDayOfAutumn_OpenLikeAllFactsInMemory()
    {
        var before = await ReferenceAsync();
        var spring = before.Members.Values.SelectMany(m => before.OwedBy(m, new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31)))
            .First(o => o.Kind == ObligationKind.ThoughtReport && o.StatusOn(Now) == ObligationStatus.Missed);
        await using (var db = _database.NewContext())
        {
            var extension = new Extension(spring.OwnerId!.Value, spring.Kind, spring.Period, new DateOnly(2026, 12, 10), "出国交流", Now.AddMonths(-8));
            extension.Decide(approve: true, _branch.GroupLeaderIds[0], Now.AddMonths(-8));
            db.Extensions.Add(extension);
            await db.SaveChangesAsync();
        }
        var reference = await ReferenceAsync();
        Assert.Contains(reference.OpenAt([reference.Members[spring.OwnerId!.Value]], Now, Branch.TrackingStartsOn), o => o.Period == spring.Period && o.Kind == spring.Kind);
        for (var day = new DateOnly(2026, 9, 1); day <= new DateOnly(2027, 1, 15); day = day.AddDays(5))
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
            await using var db = _database.NewContext();
            var spans = await new FactReader(db).SpansAsync(CancellationToken.None);
            foreach (var groupId in _branch.GroupIds)
            {
                var owners = reference.Members.Values.Where(m => m.GroupId == groupId).ToList();
                var expected = Snapshot(reference.OpenAt(owners, at, Branch.TrackingStartsOn), at);
                var group = await new ObligationLoader(db).StillOpenForGroupAsync(groupId, Branch, Policy.Default, day, spans, CancellationToken.None);
                Assert.Equal(expected, Snapshot(group.OpenAt(at), at));
                var members = await new ObligationLoader(db).StillOpenForMembersAsync([.. owners.Select(m => m.Id)], Branch, Policy.Default, day, spans, CancellationToken.None);
                Assert.Equal(expected, Snapshot(members.OpenAt(at), at));
                foreach (var owner in owners)
                {
                    var alone = await new ObligationLoader(db).StillOpenForMembersAsync([owner.Id], Branch, Policy.Default, day, spans, CancellationToken.None);
                    Assert.Equal(Snapshot(reference.OpenAt([owner], at, Branch.TrackingStartsOn), at), Snapshot(alone.OpenAt(at), at));
                }
            }
        }
    }

    private static void AssertSameAnswers(ObligationSchedule reference, LoadedSchedule loaded, IReadOnlyList<Member> owners, DateOnly since, bool openMayBeEmpty = false)
    {
        var open = reference.OpenAt(owners, Now, since);
        if (!openMayBeEmpty) Assert.NotEmpty(open);
        Assert.Equal(Snapshot(open, Now), Snapshot(loaded.OpenAt(Now), Now));
        var loadedOwners = loaded.Owners.ToDictionary(m => m.Id);
        foreach (var owner in owners)
        {
            var mine = loadedOwners[owner.Id];
            foreach (var at in Instants)
            {
                Assert.Equal(Snapshot(reference.OwedBy(owner, since, Today), at), Snapshot(loaded.Schedule.OwedBy(mine, since, Today), at));
                Assert.Equal(Snapshot(reference.About(owner, since, Today), at), Snapshot(loaded.Schedule.About(mine, since, Today), at));
            }
        }
        var month = Period.Containing(Cadence.Monthly, Today);
        Assert.Equal(reference.CompletionOf(owners, month, Now).Missing, loaded.Schedule.CompletionOf(loaded.Owners, month, Now).Missing);
    }

    private static string[] Snapshot(IEnumerable<Obligation> obligations, DateTimeOffset at) =>
        [.. obligations.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"{o.Kind} {o.Period.Key} {o.OwnerId?.ToString(CultureInfo.InvariantCulture) ?? "committee"}->{o.SubjectId} due {o.DueDate:yyyy-MM-dd} {o.StatusOn(at)}"))
            .Order(StringComparer.Ordinal)];

    // Every member and every fact, as stored, with nothing filtered.
    private async Task<ObligationSchedule> ReferenceAsync()
    {
        await using var db = _database.NewContext();
        var facts = await Seed.AllFactsAsync(db);
        return new ObligationSchedule(Branch, Policy.Default, await db.Members.Include(m => m.Mentors).ToListAsync(), facts);
    }
}

// Three groups of seven (two full members, the first leading; a probationary member; a development target; three
// activists), an activist of group 2 mentored from group 1, a development target of group 1 introduced from group 3,
// and from December 2025 on, seeded at random: reports on time, late, missing or resubmitted, talks, branch
// reports, evaluations, excuses of every owner kind, and extensions requested, approved and declined.
internal sealed record LoaderBranch(int[] GroupIds, int[] GroupLeaderIds, int CrossGroupMenteeId, int OutsideIntroducerId)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static LoaderBranch Seed(BranchDbContext db, int seed)
    {
        var random = new Random(seed);
        var groups = Enumerable.Range(1, 3).Select(g => new Group($"第{g}党小组")).ToList();
        db.Groups.AddRange(groups);
        db.SaveChanges();

        var members = new List<Member>();
        var n = 0;
        foreach (var group in groups)
        {
            (Stage Stage, string Since)[] plan =
            [
                (Stage.Full, "2020-09-01"), (Stage.Full, "2021-06-15"), (Stage.Probationary, "2026-02-10"), (Stage.DevelopmentTarget, "2025-11-01"),
                (Stage.Activist, "2025-10-01"), (Stage.Activist, "2026-04-17"), (Stage.Activist, "2026-08-01"),
            ];
            for (var i = 0; i < plan.Length; i++)
            {
                n++;
                members.Add(new Member($"2026{n:D3}", $"成员{n}", group.Id, plan[i].Stage, DateOnly.Parse(plan[i].Since, CultureInfo.InvariantCulture),
                    i == 0 ? Roles.GroupLeader : i == 1 && group == groups[0] ? Roles.Secretary : Roles.None));
            }
        }
        db.Members.AddRange(members);
        db.SaveChanges();

        List<Member> Of(int g) => [.. members.Where(m => m.GroupId == groups[g].Id)];
        for (var g = 0; g < groups.Count; g++)
        {
            var own = Of(g);
            foreach (var m in own.Where(m => m.Stage == Stage.Activist)) m.SetMentors([own[random.Next(2)].Id]);
            own.Single(m => m.Stage == Stage.DevelopmentTarget).SetMentors([own[0].Id, own[1].Id]);
        }
        var crossMentee = Of(1).First(m => m.Stage == Stage.Activist);
        crossMentee.SetMentors([Of(0)[0].Id]);
        var outsideIntroducer = Of(2)[1];
        Of(0).Single(m => m.Stage == Stage.DevelopmentTarget).SetMentors([Of(0)[0].Id, outsideIntroducer.Id]);
        db.SaveChanges();

        var leaders = members.Where(m => m.IsGroupLeader).ToDictionary(m => m.GroupId, m => m.Id);
        for (var month = new Period(Cadence.Monthly, 2025, 12); month.Start <= new DateOnly(2026, 11, 26); month = month.Next())
        {
            var past = month.End < new DateOnly(2026, 11, 26);
            foreach (var m in members.Where(m => m.Stage != Stage.Full))
            {
                var roll = random.Next(10);
                if (roll < 5) db.Submissions.Add(Report(m.Id, ObligationKind.ThoughtReport, month, month.Start.AddDays(random.Next(20)), 1));
                else if (roll < 7 && past) db.Submissions.Add(Report(m.Id, ObligationKind.ThoughtReport, month, month.End.AddDays(random.Next(1, 6)), 1));
                if (roll == 0) db.Submissions.Add(Report(m.Id, ObligationKind.ThoughtReport, month, month.Start.AddDays(22), 2));
                if (roll == 8) db.Excuses.Add(new Excuse(m.Id, m.Id, ObligationKind.ThoughtReport, month, "病假", leaders[m.GroupId], At(month.End.AddDays(random.Next(-5, 5)))));
                if (roll is 5 or 9)
                {
                    var extension = new Extension(m.Id, ObligationKind.ThoughtReport, month, month.End.AddDays(random.Next(2, 8)), "竞赛", At(month.End.AddDays(-4)));
                    if (random.Next(3) > 0) extension.Decide(approve: random.Next(3) > 0, leaders[m.GroupId], At(month.End.AddDays(-2)));
                    db.Extensions.Add(extension);
                }
                foreach (var a in m.Mentors)
                {
                    var talk = random.Next(10);
                    if (talk < 6) db.Talks.Add(new Talk(a.MentorId, m.Id, month.Start.AddDays(random.Next(month.End.Day)), TalkMode.InPerson, "近况", "交流", null, At(month.Start.AddDays(random.Next(35))), null));
                    if (talk == 6) db.Excuses.Add(new Excuse(a.MentorId, m.Id, ObligationKind.Talk, month, "出差", leaders[m.GroupId], At(month.End)));
                    if (talk == 7)
                    {
                        var extension = new Extension(a.MentorId, ObligationKind.Talk, month, month.End.AddDays(5), "出差", At(month.End.AddDays(-3)));
                        extension.Decide(approve: true, leaders[m.GroupId], At(month.End.AddDays(-1)));
                        db.Extensions.Add(extension);
                    }
                }
            }
            if (month.Number % 3 == 0)
            {
                var quarter = Period.Containing(Cadence.Quarterly, month.Start);
                foreach (var m in members.Where(m => m.Stage == Stage.Probationary && random.Next(3) > 0))
                    db.Submissions.Add(Report(m.Id, ObligationKind.BranchReport, quarter, quarter.End.AddDays(random.Next(-10, 4)), 1));
                foreach (var m in members.Where(m => m.Stage == Stage.Activist))
                {
                    if (random.Next(4) > 0) db.Evaluations.Add(new Evaluation(m.Id, ObligationKind.ActivistEvaluation, quarter, true, "良好", leaders[m.GroupId], At(quarter.End.AddDays(random.Next(-3, 9)))));
                    else db.Excuses.Add(new Excuse(null, m.Id, ObligationKind.ActivistEvaluation, quarter, "延后", leaders[m.GroupId], At(quarter.End)));
                }
                foreach (var m in members.Where(m => m.Stage == Stage.DevelopmentTarget))
                    foreach (var a in m.Mentors.Where(_ => random.Next(3) > 0))
                        db.Talks.Add(new Talk(a.MentorId, m.Id, quarter.Start.AddDays(random.Next(80)), TalkMode.Online, "季度谈话", "交流", null, At(quarter.End.AddDays(-2)), null));
            }
            if (month.Number % 6 == 0)
                foreach (var m in members.Where(m => m.Stage == Stage.Probationary))
                    db.Evaluations.Add(new Evaluation(m.Id, ObligationKind.ProbationaryEvaluation, Period.Containing(Cadence.HalfYearly, month.Start), true, "合格", leaders[m.GroupId], At(month.End.AddDays(3))));
        }
        db.SaveChanges();
        return new LoaderBranch([.. groups.Select(g => g.Id)], [.. groups.Select(g => leaders[g.Id])], crossMentee.Id, outsideIntroducer.Id);
    }

    private static Submission Report(int memberId, ObligationKind kind, Period period, DateOnly date, int version) =>
        new(memberId, kind, period, "本月思想汇报", At(date), version, null);

    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(20, 30)), Cst);
}
