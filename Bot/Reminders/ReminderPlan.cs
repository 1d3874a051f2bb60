using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Summary;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Features.Transfers;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Domain.Transfers;

namespace BranchBot.Bot.Reminders;

/// <summary>The ledger's unique key: one step of one reminder for one recipient about one subject.</summary>
public sealed record ReminderKey(int MemberId, ObligationKind Kind, Period Period, string Step, int SubjectId);

/// <summary>One message a job wants sent. <paramref name="Obligation"/> is re-checked just before the send; summaries have none.</summary>
public sealed record PlannedReminder(ReminderKey Key, DateTimeOffset DueAt, Obligation? Obligation, Func<string, Language, AdaptiveCard> Build);

/// <summary>The steps of one reminder sequence that are due, oldest first: only the last is sent, earlier missed ones are recorded as skipped.</summary>
public sealed record StepGroup(IReadOnlyList<PlannedReminder> Due)
{
    public PlannedReminder Latest => Due[^1];
}

/// <summary>Step names as the ledger stores them.</summary>
public static class Steps
{
    public const string Overdue = "overdue";
    public const string Committee = "committee";
    public static string Remind(int daysBefore) => FormattableString.Invariant($"remind-{daysBefore}d");
    /// <summary>A reminder before an extended due date: its own ledger step, so the reminders sent before the original date do not stand in for it.</summary>
    public static string Remind(int daysBefore, DateOnly extendedDueDate) => FormattableString.Invariant($"remind-{daysBefore}d-{extendedDueDate:yyyyMMdd}");
    public static string Leader(DateOnly day) => FormattableString.Invariant($"leader-{day:yyyy-MM-dd}");
    /// <summary>A reminder ahead of a probation's end; the end is in the step so that a postponement is reminded anew.</summary>
    public static string Probation(int daysBefore, DateOnly end) => FormattableString.Invariant($"probation-{daysBefore}d-{end:yyyyMMdd}");
    public static string NoticeEnded(long selectionId) => FormattableString.Invariant($"notice-ended-{selectionId}");
    /// <summary>The monthly chase of missing transfer receipts (the month is the ledger's period).</summary>
    public const string TransferChase = "transfer-chase";
}

/// <summary>Decides from the policy and the facts what each job owes to whom at an instant. Pure: no clock, no database.</summary>
public static class ReminderPlanner
{
    /// <summary>
    /// Reminders before the deadline of open obligations of the given cadences, owed by a person (own reports) or a
    /// mentor (talks): the current periods, and an earlier period whose approved extension moved its due date ahead.
    /// Nothing for a closed (missed) period.
    /// </summary>
    public static IReadOnlyList<StepGroup> Reminders(BranchSnapshot state, DateTimeOffset asOf, IReadOnlySet<Cadence> cadences)
    {
        var branch = state.Branch;
        var today = branch.LocalDate(asOf);
        var extendedFrom = Latest(today.AddMonths(-2 * (cadences.Count == 0 ? 1 : (int)cadences.Max())), state.Since);
        var groups = new List<StepGroup>();
        foreach (var member in state.Members.Where(m => m.IsActiveOn(today)))
        {
            var owed = state.Schedule.OwedBy(member, today, today);
            // An earlier period whose due date moved ahead: by an approved extension, or after a break of the academic calendar.
            if (state.Schedule.Facts.Extensions.Count > 0 || state.Schedule.Facts.Calendar.Spans.Count > 0)
                owed = [.. owed, .. state.Schedule.OwedBy(member, extendedFrom, today).Where(o => o.DueDate > o.Period.End && !o.Period.Contains(today))];
            foreach (var o in owed)
            {
                if (o.OwnerId is not { } owner || !cadences.Contains(o.Rule.Cadence)) continue;
                if (!o.StatusOn(asOf).IsOpen() || asOf > o.Deadline) continue;
                var due = new List<PlannedReminder>();
                foreach (var offset in o.Rule.ReminderOffsetsDays)
                {
                    var at = branch.ToInstant(o.DueDate.AddDays(-offset).ToDateTime(o.Rule.ReminderTime));
                    if (at < o.StartsAt || at > asOf) continue;
                    var step = o.DueDate == o.Period.End ? Steps.Remind(offset) : Steps.Remind(offset, o.DueDate);
                    var key = new ReminderKey(owner, o.Kind, o.Period, step, o.SubjectId);
                    due.Add(new PlannedReminder(key, at, o, ObligationCard(state, o, today)));
                }
                if (due.Count > 0) groups.Add(new StepGroup([.. due.OrderBy(p => p.DueAt)]));
            }
        }
        return groups;
    }

    /// <summary>The day after an obligation became overdue, at its reminder time, a notice to whoever owes it.</summary>
    public static IReadOnlyList<StepGroup> OverdueNotices(BranchSnapshot state, DateTimeOffset asOf, int catchUpDays)
    {
        var branch = state.Branch;
        var today = branch.LocalDate(asOf);
        var maxGrace = state.Policy.Rules.Select(r => r.GraceDays).DefaultIfEmpty(0).Max();
        var from = Latest(today.AddDays(-(catchUpDays + maxGrace + 2)), state.Since);
        var groups = new List<StepGroup>();
        foreach (var member in state.Members.Where(m => m.IsActiveOn(today)))
        {
            foreach (var o in state.Schedule.OwedBy(member, from, today))
            {
                if (o.OwnerId is not { } owner || o.StatusOn(asOf) != ObligationStatus.Overdue) continue;
                var at = branch.ToInstant(branch.LocalDate(o.OverdueAfter).AddDays(1).ToDateTime(o.Rule.ReminderTime));
                if (at > asOf || at <= asOf.AddDays(-catchUpDays)) continue;
                var key = new ReminderKey(owner, o.Kind, o.Period, Steps.Overdue, o.SubjectId);
                groups.Add(new StepGroup([new PlannedReminder(key, at, o, ObligationCard(state, o, today))]));
            }
        }
        return groups;
    }

    /// <summary>Each group leader's summary: every Monday and the day after each month's deadlines, the latest such day only.</summary>
    public static IReadOnlyList<StepGroup> LeaderSummaries(BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays)
    {
        if (LatestDay(state.Branch, asOf, at, catchUpDays, d => d.DayOfWeek == DayOfWeek.Monday || d.Day == 1) is not { } found) return [];
        var (day, dueAt) = found;
        var period = Period.Containing(Cadence.Monthly, day);
        var groups = new List<StepGroup>();
        foreach (var leader in state.Members.Where(m => m.IsGroupLeader))
        {
            var summary = LeaderSummary.Of(state, leader.GroupId, asOf);
            var key = new ReminderKey(leader.Id, ObligationKind.ThoughtReport, period, Steps.Leader(day), leader.Id);
            groups.Add(new StepGroup([new PlannedReminder(key, dueAt, null, (_, language) => ReminderLeaderSummaryCard.Build(language, summary, day))]));
        }
        return groups;
    }

    /// <summary>The committee's summary of the month just ended, on the 1st at the summary time.</summary>
    public static IReadOnlyList<StepGroup> CommitteeSummaries(BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays)
    {
        if (LatestDay(state.Branch, asOf, at, catchUpDays, d => d.Day == 1) is not { } found) return [];
        var (day, dueAt) = found;
        var period = Period.Containing(Cadence.Monthly, day.AddDays(-1));
        var rows = state.Groups
            .Select(g => new CommitteeRow(g.Name, state.Schedule.CompletionOf(state.Members.Where(m => m.GroupId == g.Id), period, asOf)))
            .ToList();
        var total = state.Schedule.CompletionOf(state.Members, period, asOf);
        var groups = new List<StepGroup>();
        foreach (var member in state.CommitteeOn(day))
        {
            var key = new ReminderKey(member.Id, ObligationKind.ThoughtReport, period, Steps.Committee, member.Id);
            groups.Add(new StepGroup([new PlannedReminder(key, dueAt, null, (_, language) => ReminderCommitteeSummaryCard.Build(language, period, rows, total))]));
        }
        return groups;
    }

    /// <summary>
    /// Ahead of each probation's end (<see cref="ProbationRules.ReminderDaysBefore"/>, at <paramref name="at"/>): the
    /// member (to write the conversion application), their introducers and the committee, once per step. The ledger's
    /// kind and period are placeholders, as for the summaries: the month of the end.
    /// </summary>
    public static IReadOnlyList<StepGroup> ProbationReminders(BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays)
    {
        var branch = state.Branch;
        var today = branch.LocalDate(asOf);
        var committee = state.CommitteeOn(today).ToList();
        var groups = new List<StepGroup>();
        foreach (var member in state.Members.Where(m => m.Stage == Stage.Probationary && m.IsActiveOn(today)))
        {
            var (end, decided) = PipelineFlow.ProbationEnd(member, state.ProbationDecisions);
            if (decided || end < today) continue;
            var steps = ProbationRules.ReminderDays(member.StageSince, end)
                .Select(d => (d.DaysBefore, At: branch.ToInstant(d.On.ToDateTime(at))))
                .Where(d => d.At <= asOf && d.At > asOf.AddDays(-catchUpDays))
                .ToList();
            if (steps.Count == 0) continue;
            var person = new NamedPerson(member.Id, member.Name, member.StudentNumber);
            var daysLeft = end.DayNumber - today.DayNumber;
            var recipients = new List<(int Id, ProbationReminderRole Role)> { (member.Id, ProbationReminderRole.Member) };
            recipients.AddRange(member.Mentors.Select(m => m.MentorId).Distinct().Select(id => (id, ProbationReminderRole.Introducer)));
            recipients.AddRange(committee.Where(c => recipients.All(r => r.Id != c.Id)).Select(c => (c.Id, ProbationReminderRole.Committee)));
            var period = Period.Containing(Cadence.Monthly, end);
            foreach (var (id, role) in recipients)
                groups.Add(new StepGroup([.. steps.Select(s => new PlannedReminder(new ReminderKey(id, ObligationKind.ThoughtReport, period, Steps.Probation(s.DaysBefore, end), member.Id), s.At, null,
                    (_, language) => ProbationCard.Reminder(language, role, person, end, daysLeft)))]));
        }
        return groups;
    }

    /// <summary>
    /// The day after a public notice (公示) ended without an open objection, at <paramref name="at"/>: each committee
    /// member is told once that the candidate can be confirmed as an activist. A notice held by an objection is told
    /// when it was objected to; it is not repeated here. Kind and period are placeholders: the month of the notice's end.
    /// </summary>
    public static IReadOnlyList<StepGroup> SelectionNoticesEnded(BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays)
    {
        var committee = state.CommitteeOn(state.Today).ToList();
        var groups = new List<StepGroup>();
        foreach (var selection in state.OpenSelections)
        {
            var tellAt = state.Branch.ToInstant(selection.NoticeEndsOn.AddDays(1).ToDateTime(at));
            if (tellAt > asOf || tellAt <= asOf.AddDays(-catchUpDays)) continue;
            if (SelectionRules.StateOn(selection, state.Today) != SelectionState.ReadyToConclude) continue;
            if (!state.MembersById.TryGetValue(selection.SubjectId, out var subject)) continue;
            var person = new NamedPerson(subject.Id, subject.Name, subject.StudentNumber);
            var period = Period.Containing(Cadence.Monthly, selection.NoticeEndsOn);
            foreach (var member in committee)
                groups.Add(new StepGroup([new PlannedReminder(new ReminderKey(member.Id, ObligationKind.ThoughtReport, period, Steps.NoticeEnded(selection.Id), subject.Id), tellAt, null,
                    (_, language) => NoticeEndedCard.Build(language, selection.Id, person, selection.NoticeStartsOn, selection.NoticeEndsOn))]));
        }
        return groups;
    }

    /// <summary>
    /// Missing return receipts (组织关系转接), on the 1st of each month after the letter at <paramref name="at"/>
    /// (<see cref="TransferRules.IsChasedOn"/>): each active committee member gets one card listing them all, and each
    /// transferred member whom Teams still knows is asked about their own, once a month each. Kind is a placeholder; the
    /// period is the month of the chase, so next month chases again.
    /// </summary>
    public static IReadOnlyList<StepGroup> TransferChases(BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays)
    {
        if (LatestDay(state.Branch, asOf, at, catchUpDays, d => d.Day == 1) is not { } found) return [];
        var (day, dueAt) = found;
        var chased = state.Transfers.Where(t => TransferRules.IsChasedOn(t, day) && state.MembersById.ContainsKey(t.MemberId))
            .Select(t => (Transfer: t, Row: TransferFlow.Row(state.MembersById[t.MemberId], t)))
            .OrderBy(x => x.Transfer.LetterIssuedOn).ThenBy(x => x.Row.StudentNumber, StringComparer.Ordinal).ToList();
        if (chased.Count == 0) return [];
        var period = Period.Containing(Cadence.Monthly, day);
        var rows = chased.Select(x => x.Row).ToList();
        var groups = new List<StepGroup>();
        foreach (var member in state.CommitteeOn(day))
            groups.Add(new StepGroup([new PlannedReminder(new ReminderKey(member.Id, ObligationKind.ThoughtReport, period, Steps.TransferChase, member.Id), dueAt, null,
                (_, language) => TransfersCard.Chase(language, rows, day))]));
        foreach (var (transfer, row) in chased.Where(x => state.TeamsUsers.ContainsKey(x.Transfer.MemberId)))
            groups.Add(new StepGroup([new PlannedReminder(new ReminderKey(transfer.MemberId, ObligationKind.ThoughtReport, period, Steps.TransferChase, transfer.MemberId), dueAt, null,
                (_, language) => TransfersCard.ChaseMember(language, row))]));
        return groups;
    }

    private static (DateOnly Day, DateTimeOffset At)? LatestDay(Branch branch, DateTimeOffset asOf, TimeOnly time, int catchUpDays, Func<DateOnly, bool> isDay)
    {
        var today = branch.LocalDate(asOf);
        for (var d = today; d > today.AddDays(-catchUpDays); d = d.AddDays(-1))
        {
            if (!isDay(d)) continue;
            var at = branch.ToInstant(d.ToDateTime(time));
            if (at <= asOf) return (d, at);
        }
        return null;
    }

    // The snapshot holds the facts from state.Since on only: an earlier period would look unfulfilled.
    private static DateOnly Latest(DateOnly from, DateOnly since) => from > since ? from : since;

    // The card counts the time left from the day it is sent (today), not from the step it was planned for.
    private static Func<string, Language, AdaptiveCard> ObligationCard(BranchSnapshot state, Obligation o, DateOnly today)
    {
        switch (DutyCards.FormFor(o.Kind))
        {
            case DutyForm.Report:
                return (cardId, language) => ReportReminderCard.Build(language, new ReportForm(o.Kind, o.Period, o.DueDate, cardId, o.Rule.MinLength), today);
            case DutyForm.Talk:
                var mentee = state.MembersById.TryGetValue(o.SubjectId, out var m) ? m : null;
                return (cardId, language) => TalkReminderCard.Build(language, o.Period, o.DueDate, mentee?.Name ?? "?", mentee?.StudentNumber ?? "", cardId, today);
            default:
                throw new InvalidOperationException($"A {o.Kind} has no reminder card: it is not reminded one by one.");
        }
    }
}

public sealed record CommitteeRow(string GroupName, GroupCompletion Completion);

/// <summary>What a group leader is told: who in the group is overdue or due soon, and who cannot be reached.</summary>
public sealed record LeaderSummary(string GroupName, IReadOnlyList<LeaderSummaryItem> Overdue, IReadOnlyList<LeaderSummaryItem> DueSoon, IReadOnlyList<UnreachablePerson> Unreachable)
{
    public static LeaderSummary Of(BranchSnapshot state, int groupId, DateTimeOffset asOf)
    {
        var groupMembers = state.Members.Where(m => m.GroupId == groupId).ToList();
        var open = state.Schedule.OpenAt(groupMembers, asOf, state.Since);
        string Name(int id) => state.MembersById.TryGetValue(id, out var m) ? m.Name : "?";
        LeaderSummaryItem Item(Obligation o) => new(Name(o.OwnerId ?? o.SubjectId), o.Kind, o.Kind == ObligationKind.Talk ? Name(o.SubjectId) : null, o.Period, o.DueDate)
        {
            OwnerId = o.OwnerId ?? o.SubjectId,
            OwnerStudentNumber = state.MembersById.TryGetValue(o.OwnerId ?? o.SubjectId, out var m) ? m.StudentNumber : null,
        };
        var overdue = open.Where(o => o.OwnerId is not null && o.StatusOn(asOf) == ObligationStatus.Overdue).Select(Item).ToList();
        var dueSoon = open.Where(o => o.OwnerId is not null && o.StatusOn(asOf) == ObligationStatus.DueSoon).Select(Item).ToList();
        var unreachable = groupMembers
            .Select(m => state.TeamsUsers.TryGetValue(m.Id, out var u)
                ? u.UnreachableReason is { } reason ? new UnreachablePerson(m.Name, reason) : null
                : new UnreachablePerson(m.Name, Delivery.ProactiveSender.NoTeamsUser))
            .OfType<UnreachablePerson>()
            .ToList();
        var groupName = state.Groups.FirstOrDefault(g => g.Id == groupId)?.Name ?? "";
        return new LeaderSummary(groupName, overdue, dueSoon, unreachable);
    }
}

public sealed record LeaderSummaryItem(string Owner, ObligationKind Kind, string? Mentee, Period Period, DateOnly DueDate)
{
    /// <summary>The summary lists per person by id, so namesakes stay two people.</summary>
    public int? OwnerId { get; init; }
    public string? OwnerStudentNumber { get; init; }
}

public sealed record UnreachablePerson(string Name, string Reason);
