namespace BranchBot.Domain.Meetings;

/// <summary>
/// A semester: the committee's entered one when the academic calendar has semesters
/// (<see cref="Calendar.AcademicCalendar.SemesterContaining"/>), else derived from dates: autumn is 1 September – 31 January,
/// spring 1 February – 31 July; August is the summer break and in no semester.
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

    /// <summary>The semester a date falls in by the academic calendar when it has semesters, else by the placeholder.</summary>
    public static Semester? Containing(DateOnly date, Calendar.AcademicCalendar? calendar) =>
        calendar is null ? Containing(date) : calendar.SemesterContaining(date);

    /// <summary>Whether a date is inside it.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Whole weeks left after <paramref name="today"/> (days left divided by seven, rounded down).</summary>
    public int WeeksLeft(DateOnly today) => today > End ? 0 : (End.DayNumber - today.DayNumber) / 7;
}
