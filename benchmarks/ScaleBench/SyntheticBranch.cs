using System.Diagnostics;
using System.Globalization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.ScaleBench;

public sealed record Scale(int Groups, int GroupSize, int Months)
{
    public static Scale University { get; } = new(400, 50, 12);
    public int People => Groups * GroupSize;
}

public sealed record GeneratedCounts(int Members, int Assignments, int Submissions, int Talks, int Excuses, int Extensions, int Evaluations, TimeSpan Elapsed);

// A university-sized branch written through the real EF model. Per group of 50: 10 full members (the first
// leads the group, mentors and introducers come from them), 5 probationary members, 5 development targets,
// 30 activists (one mentor each, one in twenty from the next group). History: every month a thought report
// from everyone who owes one (most on time, some late, some missing, a few resubmitted), monthly talks with
// activists and quarterly with development targets, quarterly branch reports, the committee's evaluations,
// some excuses and approved (or declined) extensions. The same seed gives the same branch.
public sealed class SyntheticBranch(Scale scale, DateOnly trackingStartsOn, DateTimeOffset now, TimeZoneInfo timeZone, int seed)
{
    // Member-months between SaveChanges: a few thousand rows per batch keeps the change tracker small.
    private const int FlushEvery = 1_000;
    private static readonly string ReportText = string.Concat(Enumerable.Repeat(
        "本月认真学习了党的理论知识，结合专业学习反思了自身不足，今后将更加严格要求自己。通过参加支部组织的志愿服务活动，我对全心全意为人民服务有了更深的体会。", 3));
    private static readonly Roles[] Committee = [Roles.Secretary, Roles.DeputySecretary, Roles.OrganizationMember, Roles.PropagandaMember, Roles.DisciplineMember];

    private readonly Random _random = new(seed);
    private readonly DateOnly _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
    private int _pending;

    public async Task<GeneratedCounts> WriteAsync(BranchDbContext db, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        db.BranchSettings.Add(new BranchSetting { TrackingStartsOn = trackingStartsOn, UpdatedAt = now });
        var groups = Enumerable.Range(1, scale.Groups).Select(g => new Group(string.Create(CultureInfo.InvariantCulture, $"第{g:D3}党小组"))).ToList();
        db.Groups.AddRange(groups);
        await db.SaveChangesAsync(ct);

        var members = new List<Member>(scale.People);
        var seq = 0;
        foreach (var group in groups)
        {
            for (var i = 0; i < scale.GroupSize; i++)
            {
                var (stage, since) = StageOf(i);
                var roles = i == 0 ? Roles.GroupLeader : Roles.None;
                if (i == 1 && group.Id <= Committee.Length) roles |= Committee[group.Id - 1];
                seq++;
                members.Add(new Member(string.Create(CultureInfo.InvariantCulture, $"S{seq:D6}"), string.Create(CultureInfo.InvariantCulture, $"成员{seq:D6}"),
                    group.Id, stage, since, roles, string.Create(CultureInfo.InvariantCulture, $"s{seq:D6}@univ.example")));
            }
        }
        db.Members.AddRange(members);
        await db.SaveChangesAsync(ct);

        var assignments = 0;
        for (var g = 0; g < scale.Groups; g++)
        {
            var fulls = members.Skip(g * scale.GroupSize).Take(FullPerGroup).ToList();
            var nextFulls = members.Skip((g + 1) % scale.Groups * scale.GroupSize).Take(FullPerGroup).ToList();
            foreach (var m in members.Skip(g * scale.GroupSize).Take(scale.GroupSize))
            {
                if (m.Stage == Stage.Activist)
                {
                    var pool = _random.Next(20) == 0 ? nextFulls : fulls;
                    m.SetMentors([pool[_random.Next(pool.Count)].Id]);
                    assignments++;
                }
                else if (m.Stage == Stage.DevelopmentTarget)
                {
                    var a = _random.Next(fulls.Count);
                    var b = (a + 1 + _random.Next(fulls.Count - 1)) % fulls.Count;
                    m.SetMentors([fulls[a].Id, fulls[b].Id]);
                    assignments += 2;
                }
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        var leaders = members.Where(m => m.IsGroupLeader).ToDictionary(m => m.GroupId, m => m.Id);
        var secretary = members.First(m => m.Roles.HasFlag(Roles.Secretary)).Id;
        var plain = members.Select(m => (m.Id, m.GroupId, m.Stage, m.StageSince, Mentors: m.Mentors.Select(a => a.MentorId).ToArray())).ToList();
        db.ChangeTracker.Clear();

        var counts = new Counter();
        var current = Period.Containing(Cadence.Monthly, _today);
        var first = Period.Containing(Cadence.Monthly, trackingStartsOn);
        foreach (var m in plain)
        {
            if (m.Stage == Stage.Full) continue;
            for (var month = first; month.CompareTo(current) <= 0; month = month.Next())
            {
                if (month.End < m.StageSince) continue;
                var past = month.End < _today;
                var roll = _random.NextDouble();
                if (past && roll < 0.80) Report(db, counts, m.Id, ObligationKind.ThoughtReport, month, Day(month.Start.AddDays(3), month.End));
                else if (past && roll < 0.88)
                {
                    var date = month.End.AddDays(_random.Next(1, 10));
                    if (date < _today)
                    {
                        Report(db, counts, m.Id, ObligationKind.ThoughtReport, month, date);
                        if (_random.Next(4) == 0) Extend(db, counts, m.Id, ObligationKind.ThoughtReport, month, date, approve: _random.Next(3) > 0, leaders[m.GroupId]);
                    }
                }
                else if (past && _random.Next(6) == 0)
                {
                    db.Excuses.Add(new Excuse(m.Id, m.Id, ObligationKind.ThoughtReport, month, "因病请假，经小组长同意免交。", leaders[m.GroupId], At(month.End.AddDays(2), 10)));
                    counts.Excuses++;
                }
                else if (!past && roll < 0.45 && _today > month.Start) Report(db, counts, m.Id, ObligationKind.ThoughtReport, month, Day(month.Start, _today.AddDays(-1)));

                if (m.Stage == Stage.Activist)
                    foreach (var mentor in m.Mentors)
                        if (past ? _random.NextDouble() < 0.85 : _random.NextDouble() < 0.4 && _today > month.Start)
                            Talk(db, counts, mentor, m.Id, Day(month.Start, past ? month.End : _today.AddDays(-1)));
                await FlushAsync(db, ct);
            }

            for (var quarter = Period.Containing(Cadence.Quarterly, trackingStartsOn); quarter.Start <= _today; quarter = quarter.Next())
            {
                if (quarter.End < m.StageSince) continue;
                var past = quarter.End < _today;
                if (m.Stage == Stage.DevelopmentTarget)
                    foreach (var mentor in m.Mentors)
                        if (_random.NextDouble() < (past ? 0.9 : 0.5))
                            Talk(db, counts, mentor, m.Id, Day(quarter.Start, past ? quarter.End : _today.AddDays(-1)));
                if (m.Stage == Stage.Probationary && past && _random.NextDouble() < 0.85)
                    Report(db, counts, m.Id, ObligationKind.BranchReport, quarter, Day(quarter.End.AddDays(-14), quarter.End.AddDays(3)));
                if (m.Stage == Stage.Activist && past && quarter.Start >= m.StageSince && _random.NextDouble() < 0.95)
                {
                    db.Evaluations.Add(new Evaluation(m.Id, ObligationKind.ActivistEvaluation, quarter, _random.NextDouble() < 0.9, "表现良好，继续保持。", secretary, At(quarter.End.AddDays(5), 15)));
                    counts.Evaluations++;
                }
            }
            for (var half = Period.Containing(Cadence.HalfYearly, trackingStartsOn); half.End < _today; half = half.Next())
            {
                if (m.Stage == Stage.Probationary && half.Start >= m.StageSince)
                {
                    db.Evaluations.Add(new Evaluation(m.Id, ObligationKind.ProbationaryEvaluation, half, true, "综合考察合格。", secretary, At(half.End.AddDays(10), 15)));
                    counts.Evaluations++;
                }
            }
        }
        await FlushAsync(db, ct, force: true);
        await transaction.CommitAsync(ct);
        return new GeneratedCounts(members.Count, assignments, counts.Submissions, counts.Talks, counts.Excuses, counts.Extensions, counts.Evaluations, clock.Elapsed);
    }

    private const int FullPerGroup = 10;

    // Index within the group: 0-9 full, 10-14 probationary, 15-19 development targets, the rest activists.
    private (Stage Stage, DateOnly Since) StageOf(int i) => i switch
    {
        < FullPerGroup => (Stage.Full, _today.AddDays(-_random.Next(400, 1500))),
        < 15 => (Stage.Probationary, _today.AddDays(-_random.Next(20, 360))),
        < 20 => (Stage.DevelopmentTarget, _today.AddDays(-_random.Next(30, 500))),
        _ => (Stage.Activist, _today.AddDays(-_random.Next(15, 540))),
    };

    private void Report(BranchDbContext db, Counter counts, int memberId, ObligationKind kind, Period period, DateOnly date)
    {
        db.Submissions.Add(new Submission(memberId, kind, period, ReportText, At(date, _random.Next(8, 23)), 1, null));
        counts.Submissions++;
        if (_random.Next(30) == 0 && date < _today)
        {
            db.Submissions.Add(new Submission(memberId, kind, period, ReportText + "（修订）", At(date, 23), 2, null));
            counts.Submissions++;
        }
    }

    private void Talk(BranchDbContext db, Counter counts, int mentorId, int menteeId, DateOnly date)
    {
        db.Talks.Add(new Talk(mentorId, menteeId, date, _random.Next(3) == 0 ? TalkMode.Online : TalkMode.InPerson,
            "学习与思想近况", "交流了本月的专业学习和思想动态，鼓励其多参加支部活动。", null, At(date, 21), null));
        counts.Talks++;
    }

    private void Extend(BranchDbContext db, Counter counts, int memberId, ObligationKind kind, Period period, DateOnly until, bool approve, int leaderId)
    {
        var extension = new Extension(memberId, kind, period, until, "参加竞赛集训，申请延期。", At(period.End.AddDays(-3), 20));
        extension.Decide(approve, leaderId, At(period.End.AddDays(-2), 9));
        db.Extensions.Add(extension);
        counts.Extensions++;
    }

    private async Task FlushAsync(BranchDbContext db, CancellationToken ct, bool force = false)
    {
        if (++_pending < FlushEvery && !force) return;
        _pending = 0;
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private DateOnly Day(DateOnly from, DateOnly to) => to <= from ? from : from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));

    private DateTimeOffset At(DateOnly date, int hour)
    {
        var local = date.ToDateTime(new TimeOnly(hour, _random.Next(60)));
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }

    private sealed class Counter
    {
        public int Submissions;
        public int Talks;
        public int Excuses;
        public int Extensions;
        public int Evaluations;
    }
}
