namespace BranchBot.Domain;

/// <summary>
/// Who owes what, when: the branch's policy applied to its members and matched with the recorded facts.
/// A person owes the duties of each stage they held (<see cref="Member.Stages"/>) from the first full period that
/// starts on or after the stage began (or from the period containing it when the rule says so) through every period
/// that begins while they still hold it, and nothing for a period that ended before <see cref="Branch.TrackingStartsOn"/>.
/// What was owed in an earlier stage stays owed after the person moves on.
/// </summary>
/// <remarks>
/// Mentor duties are found through the mentee's <see cref="Member.Mentors"/>, so to ask what a mentor owes,
/// the members given here must include that mentor's mentees. Mentors are known for the present only: a stage's talks
/// are owed by the assignments of that stage's kind (mentors for an activist, introducers for a development target).
/// </remarks>
public sealed class ObligationSchedule
{
    private readonly LocalDays _days;
    private readonly Dictionary<int, Member> _members = [];
    private readonly Dictionary<int, List<Member>> _menteesByMentor = [];

    /// <summary>
    /// Creates the schedule over the given members and facts. With a <paramref name="window"/>, the facts are those of
    /// its periods only, and no obligation of an earlier period is built (it would look unfulfilled).
    /// </summary>
    public ObligationSchedule(Branch branch, Policy policy, IEnumerable<Member> members, FactIndex facts, FactWindow? window = null)
    {
        Window = window;
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(facts);
        _days = new LocalDays(branch);
        Policy = policy;
        Facts = facts;
        foreach (var member in members)
        {
            _members[member.Id] = member;
            foreach (var assignment in member.Mentors)
            {
                if (assignment.MentorId == member.Id) continue;
                if (!_menteesByMentor.TryGetValue(assignment.MentorId, out var mentees)) _menteesByMentor[assignment.MentorId] = mentees = [];
                mentees.Add(member);
            }
        }
    }

    /// <summary>The branch.</summary>
    public Branch Branch => _days.Branch;
    /// <summary>The policy applied.</summary>
    public Policy Policy { get; }
    /// <summary>The facts matched.</summary>
    public FactIndex Facts { get; }
    /// <summary>The periods whose facts are loaded, if not all: nothing earlier is owed in this schedule's answers.</summary>
    public FactWindow? Window { get; }
    /// <summary>The members the schedule knows, by id.</summary>
    public IReadOnlyDictionary<int, Member> Members => _members;

    /// <summary>What the member owes (own reports and talks with each mentee) for the periods overlapping the date range.</summary>
    public IReadOnlyList<Obligation> OwedBy(Member member, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(member);
        var result = new List<Obligation>();
        AddOwedBy(result, member, from, to);
        return result;
    }

    /// <summary>What the members owe for the periods (of every cadence) that contain the date.</summary>
    public IReadOnlyList<Obligation> OwedBy(IEnumerable<Member> members, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(members);
        var result = new List<Obligation>();
        foreach (var member in members) AddOwedBy(result, member, date, date);
        return result;
    }

    /// <summary>What the members owe for exactly this period (rules of its cadence only).</summary>
    public IReadOnlyList<Obligation> OwedBy(IEnumerable<Member> members, Period period)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(period);
        var result = new List<Obligation>();
        foreach (var member in members) AddOwedBy(result, member, period.Start, period.Start, period.Cadence);
        return result;
    }

    /// <summary>Everything owed about the member (own duties, each mentor's talks, the committee's evaluations) for the periods overlapping the date range.</summary>
    public IReadOnlyList<Obligation> About(Member subject, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var result = new List<Obligation>();
        AddSelf(result, subject, from, to, null);
        AddMentors(result, subject, from, to, null);
        AddCommittee(result, subject, from, to, null);
        return result;
    }

    /// <summary>What the committee owes about the members for the periods overlapping the date range.</summary>
    public IReadOnlyList<Obligation> OwedByCommittee(IEnumerable<Member> subjects, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var result = new List<Obligation>();
        foreach (var subject in subjects) AddCommittee(result, subject, from, to, null);
        return result;
    }

    /// <summary>
    /// The members' open obligations (due, due soon or overdue; never missed) at the instant, from every period that has
    /// started since <paramref name="since"/> (default: the branch's tracking start), oldest first. Owners transferred
    /// out by today owe nothing open (<see cref="Member.IsActiveOn"/>).
    /// </summary>
    public IReadOnlyList<Obligation> OpenAt(IEnumerable<Member> owners, DateTimeOffset now, DateOnly? since = null)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var today = Branch.LocalDate(now);
        var from = since ?? Branch.TrackingStartsOn;
        var all = new List<Obligation>();
        // A member transferred out (组织关系转接) is off the active roster: nothing of theirs is open any more.
        foreach (var owner in owners.Where(o => o.IsActiveOn(today))) AddOwedBy(all, owner, from, today);
        return [.. all.Where(o => o.StatusOn(now).IsOpen()).OrderBy(o => o.DueDate).ThenBy(o => o.Kind).ThenBy(o => o.OwnerId).ThenBy(o => o.SubjectId)];
    }

    /// <summary>Completion of what a group's members owe for one period.</summary>
    public GroupCompletion CompletionOf(IEnumerable<Member> groupMembers, Period period, DateTimeOffset now) =>
        GroupCompletion.Of([period], OwedBy(groupMembers, period), now);

    /// <summary>Completion of what a group's members owe for the period of the cadence that contains the date.</summary>
    public GroupCompletion CompletionOf(IEnumerable<Member> groupMembers, Cadence cadence, DateOnly date, DateTimeOffset now) =>
        CompletionOf(groupMembers, Period.Containing(cadence, date), now);

    /// <summary>
    /// Everything the members owed themselves (reports, and talks as mentors) for the periods of a calendar year, at
    /// the instant: a closed period that was never handed in counts as missed.
    /// </summary>
    public GroupCompletion CompletionOfYear(IEnumerable<Member> members, int year, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(members);
        var owed = new List<Obligation>();
        foreach (var member in members) AddOwedBy(owed, member, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var periods = owed.Select(o => o.Period).Distinct().Order().ToList();
        return GroupCompletion.Of(periods, owed, now);
    }

    /// <summary>The member's own obligations (reports and talks they owe) over the date range with their status at the instant, newest first.</summary>
    public MemberHistory HistoryOf(Member member, DateOnly from, DateOnly to, DateTimeOffset now) =>
        MemberHistory.Of(member, OwedBy(member, from, to), now);

    private void AddOwedBy(List<Obligation> into, Member member, DateOnly from, DateOnly to, Cadence? cadence = null)
    {
        AddSelf(into, member, from, to, cadence);
        if (_menteesByMentor.TryGetValue(member.Id, out var mentees))
            foreach (var mentee in mentees)
                AddMentorDuties(into, mentee, mentee.Mentors.Where(a => a.MentorId == member.Id), from, to, cadence);
    }

    private void AddSelf(List<Obligation> into, Member member, DateOnly from, DateOnly to, Cadence? cadence) =>
        ForEachStage(member, Owner.Self, cadence, (rule, stages, i) => AddPeriods(into, rule, member.Id, member, stages, i, from, to));

    private void AddMentors(List<Obligation> into, Member subject, DateOnly from, DateOnly to, Cadence? cadence) =>
        AddMentorDuties(into, subject, subject.Mentors, from, to, cadence);

    private void AddMentorDuties(List<Obligation> into, Member mentee, IEnumerable<MentorAssignment> assignments, DateOnly from, DateOnly to, Cadence? cadence) =>
        ForEachStage(mentee, Owner.Mentor, cadence, (rule, stages, i) =>
        {
            foreach (var assignment in assignments)
                if (assignment.MentorId != mentee.Id && assignment.Kind == MentorAssignment.KindFor(stages[i].Stage))
                    AddPeriods(into, rule, assignment.MentorId, mentee, stages, i, from, to);
        });

    private void AddCommittee(List<Obligation> into, Member subject, DateOnly from, DateOnly to, Cadence? cadence) =>
        ForEachStage(subject, Owner.Committee, cadence, (rule, stages, i) => AddPeriods(into, rule, null, subject, stages, i, from, to));

    private void ForEachStage(Member subject, Owner owner, Cadence? cadence, Action<PolicyRule, IReadOnlyList<StageInterval>, int> add)
    {
        var stages = subject.Stages;
        for (var i = 0; i < stages.Count; i++)
            foreach (var rule in Policy.RulesFor(stages[i].Stage, owner))
                if (cadence is null || rule.Cadence == cadence)
                    add(rule, stages, i);
    }

    // The periods of stages[i] under the rule: from its first owed period through the last that begins while the stage
    // is held, except a period the next stage owes under a rule of the same kind and cadence (owed once, by the next stage).
    private void AddPeriods(List<Obligation> into, PolicyRule rule, int? ownerId, Member subject, IReadOnlyList<StageInterval> stages, int i, DateOnly from, DateOnly to)
    {
        if (to < from) return;
        var stage = stages[i];
        var end = stage.Until is { } until ? Min(to, until.AddDays(-1)) : to;
        Period? takenOver = null;
        if (stage.Until is { } next && Policy.Find(rule.Kind, stages[i + 1].Stage, rule.Owner) is { } nextRule && nextRule.Cadence == rule.Cadence)
            takenOver = FirstOwedPeriod(nextRule, next);
        var first = FirstOwedPeriod(rule, stage.Since);
        var period = Period.Containing(rule.Cadence, Window is { } window && window.From(rule.Cadence) > from ? window.From(rule.Cadence) : from);
        if (period.CompareTo(first) < 0) period = first;
        // A transferred member owes no period that ends on or after the transfer (they stay in the history).
        while (period.Start <= end && (takenOver is null || period.CompareTo(takenOver) < 0) && subject.IsActiveOn(period.End))
        {
            if (period.End >= Branch.TrackingStartsOn) into.Add(Create(rule, period, ownerId, subject.Id));
            if (period.Year == 2200 && period.Number == 12 / (int)period.Cadence) break;
            period = period.Next();
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The first period of the rule a person owes after entering its stage on the given date.</summary>
    public static Period FirstOwedPeriod(PolicyRule rule, DateOnly stageSince)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var containing = Period.Containing(rule.Cadence, stageSince);
        return rule.OwesPartialFirstPeriod || containing.Start == stageSince ? containing : containing.Next();
    }

    private Obligation Create(PolicyRule rule, Period period, int? ownerId, int subjectId)
    {
        var extension = ownerId is { } owner ? Facts.ApprovedExtension(rule.Kind, owner, period) : null;
        return new Obligation(_days, Policy, rule, period, ownerId, subjectId,
            Facts.FulfilledAt(rule.Kind, ownerId, subjectId, period),
            Facts.ExcuseFor(rule.Kind, ownerId, subjectId, period) ?? Facts.LeaveExcuseFor(rule.Kind, ownerId, subjectId, period),
            extension,
            rule.Kind == ObligationKind.Talk && ownerId is { } mentor ? Facts.TalkHeldOn(mentor, subjectId, period) : null,
            HandInWindow.DueDate(period, Facts.Calendar, Policy.DaysAfterBreak));
    }
}
