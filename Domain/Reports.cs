namespace BranchBot.Domain;

/// <summary>An obligation with its status at the instant a report was made.</summary>
public readonly record struct ObligationAt(Obligation Obligation, ObligationStatus Status);

/// <summary>Someone who has not (yet) done what they owe.</summary>
/// <param name="OwnerId">Who owes it (null: the committee).</param>
/// <param name="SubjectId">Whom it is about (the owner for reports, the mentee for talks).</param>
/// <param name="Kind">What.</param>
/// <param name="Period">For which period.</param>
/// <param name="DueDate">Local due date, after any extension.</param>
/// <param name="Status">Missed, overdue, due soon, due or not yet due.</param>
public sealed record MissingObligation(int? OwnerId, int SubjectId, ObligationKind Kind, Period Period, DateOnly DueDate, ObligationStatus Status);

/// <summary>
/// How far a group is with what its members owe for a period. Every obligation is counted once:
/// <c>Owed = Done + DoneLate + Excused + Overdue + Missed + Open</c>, where Open is due, due soon or not yet due
/// and Missed is closed without fulfilment (see <see cref="HandInWindow"/>).
/// </summary>
public sealed record GroupCompletion(
    IReadOnlyList<Period> Periods,
    int Owed,
    int Done,
    int DoneLate,
    int Excused,
    int Overdue,
    int Open,
    IReadOnlyList<MissingObligation> Missing,
    int Missed = 0)
{
    /// <summary>Share of obligations settled (done, done late or excused); 1 when nothing is owed.</summary>
    public double SettledRate => Owed == 0 ? 1 : (Done + DoneLate + Excused) / (double)Owed;

    /// <summary>Counts the obligations at the instant; missing ones are listed overdue first, then by due date, owner and kind; missed ones last.</summary>
    public static GroupCompletion Of(IReadOnlyList<Period> periods, IEnumerable<Obligation> obligations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(obligations);
        int owed = 0, done = 0, late = 0, excused = 0, overdue = 0, missed = 0, open = 0;
        var missing = new List<MissingObligation>();
        foreach (var o in obligations)
        {
            owed++;
            var status = o.StatusOn(now);
            switch (status)
            {
                case ObligationStatus.Done: done++; continue;
                case ObligationStatus.DoneLate: late++; continue;
                case ObligationStatus.Excused: excused++; continue;
                case ObligationStatus.Overdue: overdue++; break;
                case ObligationStatus.Missed: missed++; break;
                default: open++; break;
            }
            missing.Add(new(o.OwnerId, o.SubjectId, o.Kind, o.Period, o.DueDate, status));
        }
        missing.Sort(static (a, b) =>
        {
            var c = (a.Status == ObligationStatus.Missed).CompareTo(b.Status == ObligationStatus.Missed);
            if (c == 0) c = (b.Status == ObligationStatus.Overdue).CompareTo(a.Status == ObligationStatus.Overdue);
            if (c == 0) c = a.DueDate.CompareTo(b.DueDate);
            if (c == 0) c = Nullable.Compare(a.OwnerId, b.OwnerId);
            if (c == 0) c = a.Kind.CompareTo(b.Kind);
            if (c == 0) c = a.SubjectId.CompareTo(b.SubjectId);
            return c;
        });
        return new GroupCompletion(periods, owed, done, late, excused, overdue, open, missing, missed);
    }
}

/// <summary>A member's obligations with their statuses, newest period first.</summary>
public sealed record MemberHistory(Member Member, IReadOnlyList<ObligationAt> Items)
{
    /// <summary>Orders the obligations newest first (latest due date, then kind, then subject) with their status at the instant.</summary>
    public static MemberHistory Of(Member member, IEnumerable<Obligation> obligations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(obligations);
        var items = obligations
            .OrderByDescending(o => o.Period.End).ThenByDescending(o => o.Period.Start).ThenBy(o => o.Kind).ThenBy(o => o.SubjectId)
            .Select(o => new ObligationAt(o, o.StatusOn(now)))
            .ToList();
        return new MemberHistory(member, items);
    }
}

/// <summary>
/// A year's figures in the seed's shape ("3,690 talk records and thought reports; 1,026 talks with 114
/// activists; 260 talks at the development stage; 522 written reports by probationary members; 114
/// activists filed, 29 new members, 24 converted"). Things that happened count in the branch-local year
/// they happened.
/// </summary>
/// <param name="Year">The calendar year.</param>
/// <param name="ReportsReceived">Thought reports plus branch reports counted in the year, once each, when they count as done (<see cref="ReviewRules.CountsAsDoneAt"/>: the first version, or for a report returned for rework the accepted resubmission).</param>
/// <param name="ThoughtReports">Thought reports counted in the year.</param>
/// <param name="BranchReports">Branch reports counted in the year.</param>
/// <param name="ReportsByProbationaryMembers">Reports handed in by people who were probationary members on that day.</param>
/// <param name="TalksHeld">Talks dated in the year.</param>
/// <param name="TalksWithActivists">Talks whose mentee was an activist on the talk's date.</param>
/// <param name="ActivistsTalkedWith">Distinct activists with at least one such talk.</param>
/// <param name="TalksAtDevelopmentStage">Talks whose mentee was a development target on the talk's date.</param>
/// <param name="Evaluations">Evaluations recorded in the year.</param>
/// <param name="PeoplePerStage">People on the roster by current stage.</param>
/// <param name="EnteredStageInYear">Stages begun in the year, from each person's history (activists filed, new probationary members, converted full members), whether or not the person still holds it.</param>
/// <param name="TalksConfirmed">Of <paramref name="TalksHeld"/>, those the mentee confirmed.</param>
/// <param name="TalksDisputed">Of <paramref name="TalksHeld"/>, those the mentee disputed (still counted: the record shows both sides).</param>
public sealed record YearlyTotals(
    int Year,
    int ReportsReceived,
    int ThoughtReports,
    int BranchReports,
    int ReportsByProbationaryMembers,
    int TalksHeld,
    int TalksWithActivists,
    int ActivistsTalkedWith,
    int TalksAtDevelopmentStage,
    int Evaluations,
    IReadOnlyDictionary<Stage, int> PeoplePerStage,
    IReadOnlyDictionary<Stage, int> EnteredStageInYear,
    int TalksConfirmed = 0,
    int TalksDisputed = 0)
{
    /// <summary>Of <see cref="TalksHeld"/>, those the mentee has not answered: counted, marked unconfirmed.</summary>
    public int TalksUnconfirmed => TalksHeld - TalksConfirmed - TalksDisputed;

    /// <summary>
    /// Computes the totals with the stage each person held at the time (<see cref="Member.Stages"/>). Before the first
    /// stage a history records (usually the stage held at the first import), a person is taken to have been at the
    /// stage before it.
    /// </summary>
    public static YearlyTotals Compute(Branch branch, IEnumerable<Member> members, FactIndex facts, int year)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(facts);
        var roster = members.ToDictionary(m => m.Id);

        // Year boundaries as instants once, instead of converting every fact's instant to a local date.
        var yearStarts = branch.EndOfDay(new DateOnly(year, 1, 1).AddDays(-1)).AddSeconds(1);
        var yearEnds = branch.EndOfDay(new DateOnly(year, 12, 31)).AddSeconds(1);
        bool InYear(DateTimeOffset at) => at >= yearStarts && at < yearEnds;

        int thought = 0, branchReports = 0, byProbationary = 0;
        foreach (var (memberId, kind, at) in facts.FirstReports())
        {
            if (!InYear(at)) continue;
            if (kind == ObligationKind.ThoughtReport) thought++; else branchReports++;
            if (roster.TryGetValue(memberId, out var author) && StageOn(author, branch.LocalDate(at)) == Stage.Probationary) byProbationary++;
        }

        int talks = 0, withActivists = 0, atDevelopment = 0, confirmed = 0, disputed = 0;
        var activists = new HashSet<int>();
        foreach (var t in facts.Talks)
        {
            var date = t.HeldOn!.Value;
            if (date.Year != year) continue;
            talks++;
            if (t.Answer == TalkAnswer.Confirmed) confirmed++;
            else if (t.Answer == TalkAnswer.Disputed) disputed++;
            if (!roster.TryGetValue(t.SubjectId, out var mentee)) continue;
            switch (StageOn(mentee, date))
            {
                case Stage.Activist: withActivists++; activists.Add(mentee.Id); break;
                case Stage.DevelopmentTarget: atDevelopment++; break;
            }
        }

        var evaluations = facts.Evaluations.Count(e => InYear(e.At));
        var perStage = Enum.GetValues<Stage>().ToDictionary(s => s, s => 0);
        var entered = Enum.GetValues<Stage>().ToDictionary(s => s, s => 0);
        foreach (var m in roster.Values)
        {
            perStage[m.Stage]++;
            foreach (var stage in m.Stages)
                if (stage.Since.Year == year) entered[stage.Stage]++;
        }

        return new YearlyTotals(year, thought + branchReports, thought, branchReports, byProbationary,
            talks, withActivists, activists.Count, atDevelopment, evaluations, perStage, entered, confirmed, disputed);
    }

    /// <summary>The stage a person held on a date; before the first recorded stage, the stage before it.</summary>
    internal static Stage StageOn(Member member, DateOnly date) =>
        member.StageOn(date) ?? (member.Stages[0].Stage == Stage.Activist ? Stage.Activist : member.Stages[0].Stage - 1);
}

/// <summary>Which milestone a person reaches.</summary>
public enum MilestoneKind
{
    /// <summary>An activist has been one for a year and may become a development target.</summary>
    EligibleForDevelopment = 1,
    /// <summary>A probationary member's year of probation ends: time to convert (按期转正).</summary>
    ProbationEnds = 2,
}

/// <summary>A person reaching a milestone on a local date.</summary>
public sealed record Milestone(Member Member, MilestoneKind Kind, DateOnly On);

/// <summary>Finds the milestones (<see cref="Member.EligibleForDevelopmentOn"/>, <see cref="Member.ProbationEndsOn"/>, both from the stage history) that fall in a range.</summary>
public static class Milestones
{
    /// <summary>The milestones falling between the two dates (inclusive), by date then student number.</summary>
    public static IReadOnlyList<Milestone> Between(IEnumerable<Member> members, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(members);
        var result = new List<Milestone>();
        foreach (var m in members)
        {
            if (m.EligibleForDevelopmentOn is { } eligible && eligible >= from && eligible <= to)
                result.Add(new(m, MilestoneKind.EligibleForDevelopment, eligible));
            if (m.ProbationEndsOn is { } ends && ends >= from && ends <= to)
                result.Add(new(m, MilestoneKind.ProbationEnds, ends));
        }
        return [.. result.OrderBy(x => x.On).ThenBy(x => x.Member.StudentNumber, StringComparer.Ordinal)];
    }
}
