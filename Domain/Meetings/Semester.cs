namespace BranchBot.Domain.Meetings;

/// <summary>
/// A semester, derived from dates until the academic calendar exists: autumn is 1 September – 31 January, spring
/// 1 February – 31 July; August is the summer break and in no semester. This is the one place to point at the
/// calendar later.
/// </summary>
public sealed record Semester(DateOnly Start, DateOnly End)
{
    /// <summary>The semester a date falls in, or null in August.</summary>
    public static Semester? Containing(DateOnly date) => date.Month switch
    {
        >= 9 => new(new DateOnly(date.Year, 9, 1), new DateOnly(date.Year + 1, 1, 31)),
        1 => new(new DateOnly(date.Year - 1, 9, 1), new DateOnly(date.Year, 1, 31)),
        <= 7 => new(new DateOnly(date.Year, 2, 1), new DateOnly(date.Year, 7, 31)),
        _ => null,
    };

    /// <summary>Whether a date is inside it.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Whole weeks left after <paramref name="today"/> (days left divided by seven, rounded down).</summary>
    public int WeeksLeft(DateOnly today) => today > End ? 0 : (End.DayNumber - today.DayNumber) / 7;
}
