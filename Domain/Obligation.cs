namespace BranchBot.Domain;

/// <summary>
/// One duty for one owner about one subject in one period. Its status is computed from the facts it
/// carries and the instant asked about, never stored. Every boundary (period start, due soon, deadline,
/// end of grace) is a branch-local date turned into an instant once, here.
/// </summary>
public sealed class Obligation
{
    /// <summary>Creates an obligation with its facts; throws when the owner does not fit the rule.</summary>
    public Obligation(Branch branch, Policy policy, PolicyRule rule, Period period, int? ownerId, int subjectId,
        DateTimeOffset? fulfilledAt = null, ExcuseFact? excuse = null, ExtensionFact? extension = null, DateOnly? heldOn = null)
        : this(new LocalDays(branch), policy, rule, period, ownerId, subjectId, fulfilledAt, excuse, extension, heldOn, period?.End ?? default)
    {
    }

    internal Obligation(LocalDays days, Policy policy, PolicyRule rule, Period period, int? ownerId, int subjectId,
        DateTimeOffset? fulfilledAt, ExcuseFact? excuse, ExtensionFact? extension, DateOnly? heldOn, DateOnly regularDueDate)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(period);
        if (period.Cadence != rule.Cadence) throw new ArgumentException($"A {rule.Cadence} rule cannot be owed for {period.Key}.", nameof(period));
        switch (rule.Owner)
        {
            case Owner.Committee when ownerId is not null:
                throw new ArgumentException("A committee obligation has no personal owner.", nameof(ownerId));
            case Owner.Self when ownerId != subjectId:
                throw new ArgumentException("A personal obligation is owed by its subject.", nameof(ownerId));
            case Owner.Mentor when ownerId is null || ownerId == subjectId:
                throw new ArgumentException("A mentor obligation is owed by someone other than the subject.", nameof(ownerId));
        }
        if (extension is not null && (extension.Kind != rule.Kind || extension.Period != period || extension.MemberId != ownerId))
            throw new ArgumentException("Only an extension of this owner, kind and period moves the due date.", nameof(extension));

        Branch = days.Branch;
        Rule = rule;
        Period = period;
        OwnerId = ownerId;
        SubjectId = subjectId;
        FulfilledAt = fulfilledAt;
        Excuse = excuse;
        Extension = extension;
        HeldOn = fulfilledAt is null ? null : heldOn;
        // The regular due date is the period's last day, moved out of the academic calendar's breaks (HandInWindow.DueDate).
        if (regularDueDate < period.End) regularDueDate = period.End;
        DueDate = extension is not null && extension.Until > regularDueDate ? extension.Until : regularDueDate;
        Deadline = days.EndOf(DueDate);
        StartsAt = days.StartOf(period.Start);
        DueSoonFrom = days.StartOf(DueDate.AddDays(-policy.DueSoonDays));
        OverdueAfter = rule.GraceDays == 0 ? Deadline : days.EndOf(DueDate.AddDays(rule.GraceDays));
        LastHandInDay = HandInWindow.LastDay(period, DueDate, rule.GraceDays, regularDueDate);
        ClosesAfter = days.EndOf(LastHandInDay);
    }

    /// <summary>The branch whose local dates the boundaries are.</summary>
    public Branch Branch { get; }
    /// <summary>The rule this obligation comes from.</summary>
    public PolicyRule Rule { get; }
    /// <summary>What is owed.</summary>
    public ObligationKind Kind => Rule.Kind;
    /// <summary>For which period.</summary>
    public Period Period { get; }
    /// <summary>Who owes it; null when the committee does.</summary>
    public int? OwnerId { get; }
    /// <summary>Whom it is about.</summary>
    public int SubjectId { get; }
    /// <summary>Local due date: the period's last day (moved after a vacation or exam week it falls in), or later when an extension was approved.</summary>
    public DateOnly DueDate { get; }
    /// <summary>23:59:59 branch time on the due date.</summary>
    public DateTimeOffset Deadline { get; }
    /// <summary>Start of the period's first local day.</summary>
    public DateTimeOffset StartsAt { get; }
    /// <summary>From this instant an open obligation counts as due soon.</summary>
    public DateTimeOffset DueSoonFrom { get; }
    /// <summary>After this instant an unfulfilled obligation is overdue (the deadline plus the rule's grace days).</summary>
    public DateTimeOffset OverdueAfter { get; }
    /// <summary>The last local day on which it can still be handed in (see <see cref="HandInWindow"/>).</summary>
    public DateOnly LastHandInDay { get; }
    /// <summary>After this instant (23:59:59 on <see cref="LastHandInDay"/>) an unfulfilled obligation is missed.</summary>
    public DateTimeOffset ClosesAfter { get; }
    /// <summary>For a talk: the local date it was held, which decides on time or late (not when it was logged).</summary>
    public DateOnly? HeldOn { get; }
    /// <summary>When it was fulfilled (first report, talk record or evaluation), if it was.</summary>
    public DateTimeOffset? FulfilledAt { get; }
    /// <summary>The excuse, if it was excused.</summary>
    public ExcuseFact? Excuse { get; }
    /// <summary>The approved extension that moved <see cref="DueDate"/>, if any.</summary>
    public ExtensionFact? Extension { get; }

    /// <summary>
    /// The status at an instant. Facts recorded after the instant do not count yet, so asking about a past
    /// instant gives the answer of that instant. Fulfilment is judged at whole seconds: anything within
    /// 23:59:59 on the due date is on time, 00:00:00 the next day is late; a talk by the date it was held.
    /// Unfulfilled after <see cref="ClosesAfter"/> it is missed.
    /// </summary>
    public ObligationStatus StatusOn(DateTimeOffset now)
    {
        if (Excuse is not null && Excuse.At <= now) return ObligationStatus.Excused;
        if (FulfilledAt is { } at && at <= now)
        {
            var onTime = HeldOn is { } held ? held <= DueDate : at < Deadline.AddSeconds(1);
            return onTime ? ObligationStatus.Done : ObligationStatus.DoneLate;
        }
        if (now < StartsAt) return ObligationStatus.NotYetDue;
        if (now > ClosesAfter) return ObligationStatus.Missed;
        if (now > OverdueAfter) return ObligationStatus.Overdue;
        if (now > Deadline || now >= DueSoonFrom) return ObligationStatus.DueSoon;
        return ObligationStatus.Due;
    }

    /// <summary>The instants at which reminders go out: each offset before the due date at the rule's reminder time, never before the period starts.</summary>
    public IReadOnlyList<DateTimeOffset> ReminderTimes()
    {
        var times = new List<DateTimeOffset>(Rule.ReminderOffsetsDays.Count);
        foreach (var offset in Rule.ReminderOffsetsDays)
        {
            var at = Branch.ToInstant(DueDate.AddDays(-offset).ToDateTime(Rule.ReminderTime));
            if (at >= StartsAt) times.Add(at);
        }
        return times;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Period.Key} owner={OwnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "committee"} subject={SubjectId}";
}

/// <summary>Helpers on <see cref="ObligationStatus"/>.</summary>
public static class ObligationStatusExtensions
{
    /// <summary>Still to be done: due, due soon or overdue.</summary>
    public static bool IsOpen(this ObligationStatus status) =>
        status is ObligationStatus.Due or ObligationStatus.DueSoon or ObligationStatus.Overdue;

    /// <summary>Closed without fulfilment: counted as missed, never chased.</summary>
    public static bool IsMissed(this ObligationStatus status) => status == ObligationStatus.Missed;

    /// <summary>Nothing more to do: done, done late or excused.</summary>
    public static bool IsSettled(this ObligationStatus status) =>
        status is ObligationStatus.Done or ObligationStatus.DoneLate or ObligationStatus.Excused;
}

/// <summary>Local day boundaries as instants, cached, because the same few dates recur for every person.</summary>
internal sealed class LocalDays(Branch branch)
{
    private readonly Dictionary<DateOnly, DateTimeOffset> _ends = [];

    public Branch Branch { get; } = branch ?? throw new ArgumentNullException(nameof(branch));

    public DateTimeOffset EndOf(DateOnly date)
    {
        if (!_ends.TryGetValue(date, out var end)) _ends[date] = end = Branch.EndOfDay(date);
        return end;
    }

    // The day after 23:59:59, so that a zone whose clocks skip midnight still gets a real instant.
    public DateTimeOffset StartOf(DateOnly date) => EndOf(date.AddDays(-1)).AddSeconds(1);
}
