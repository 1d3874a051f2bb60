namespace BranchBot.Domain.Pipeline;

/// <summary>A recorded postponement: decided on a date, extending the probation to a new end.</summary>
public readonly record struct Postponement(DateOnly DecidedOn, DateOnly NewEnd);

/// <summary>The probation (预备期): when it ends, how far it may be postponed, when the people concerned are reminded.</summary>
public static class ProbationRules
{
    /// <summary>Policy: days before the end on which the member, their introducers and the committee are reminded.</summary>
    public static readonly IReadOnlyList<int> ReminderDaysBefore = [30, 7];

    /// <summary>
    /// The day the probation now served ends, the day the member is full on a conversion on time: a year after it
    /// began (<see cref="Member.ProbationEndsOn"/>), or the new end of the latest postponement decided during it.
    /// Null when the member is not probationary.
    /// </summary>
    public static DateOnly? EndsOn(Member member, IEnumerable<Postponement> postponements)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(postponements);
        if (member.Stages[^1] is not { Stage: Stage.Probationary } stage) return null;
        var latest = postponements.Where(p => p.DecidedOn >= stage.Since).OrderBy(p => p.DecidedOn).ThenBy(p => p.NewEnd).LastOrDefault();
        return latest == default ? stage.Since.AddYears(1) : latest.NewEnd;
    }

    /// <summary>
    /// Whether <paramref name="newEnd"/> is a valid postponement: later than the current end and at most a year after the
    /// end of the first year (a probation is postponed by at most one year in all).
    /// </summary>
    public static bool MayPostponeTo(Member member, DateOnly currentEnd, DateOnly newEnd)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Stages[^1] is not { Stage: Stage.Probationary } stage) return false;
        return newEnd > currentEnd && newEnd <= stage.Since.AddYears(2);
    }

    /// <summary>The reminder days before <paramref name="end"/>, latest last; those before the probation began are left out.</summary>
    public static IReadOnlyList<(int DaysBefore, DateOnly On)> ReminderDays(DateOnly probationSince, DateOnly end) =>
        [.. ReminderDaysBefore.OrderByDescending(d => d).Select(d => (d, end.AddDays(-d))).Where(x => x.Item2 >= probationSince)];
}
