namespace BranchBot.Domain;

/// <summary>
/// When something owed for a period can be handed in: from the period's first day until the following
/// period has ended (or a later extended due date). After that the period is closed: an unfulfilled
/// obligation is missed, is no longer chased, reminded or nudged, and nothing more is accepted for it.
/// </summary>
public static class HandInWindow
{
    /// <summary>
    /// The last local day on which the period can be handed in: the last day of the following period, or the due date (plus
    /// grace) if later. When a break of the academic calendar moved the regular due date (<paramref name="regularDueDate"/>,
    /// see <see cref="DueDate"/>), the end of the following period moves by as many days, so the time to hand in late stays.
    /// </summary>
    public static DateOnly LastDay(Period period, DateOnly? dueDate = null, int graceDays = 0, DateOnly? regularDueDate = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        // Computed on dates rather than Period.Next(), so that the last representable period still has an end.
        var endOfNext = period.Start.AddMonths(2 * (int)period.Cadence).AddDays(-1);
        if (regularDueDate is { } regular && regular > period.End) endOfNext = endOfNext.AddDays(regular.DayNumber - period.End.DayNumber);
        var due = (dueDate ?? period.End).AddDays(graceDays);
        return due > endOfNext ? due : endOfNext;
    }

    /// <summary>
    /// The regular due date of a period: its last day, or, when that day is in a vacation or exam week of the academic
    /// calendar, the policy's days after that break (chained breaks: after the last; <see cref="Calendar.AcademicCalendar.MoveOutOfBreaks"/>).
    /// </summary>
    public static DateOnly DueDate(Period period, Calendar.AcademicCalendar? calendar, int daysAfterBreak)
    {
        ArgumentNullException.ThrowIfNull(period);
        return calendar is null ? period.End : calendar.MoveOutOfBreaks(period.End, daysAfterBreak);
    }

    /// <summary>Whether, on the local date, nothing more can be handed in for the period.</summary>
    public static bool IsClosed(Period period, DateOnly today, DateOnly? dueDate = null, int graceDays = 0, DateOnly? regularDueDate = null) =>
        today > LastDay(period, dueDate, graceDays, regularDueDate);

    /// <summary>Whether the period has not started on the local date.</summary>
    public static bool IsNotOpen(Period period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        return today < period.Start;
    }

    /// <summary>
    /// The first day from which obligations are looked at: the tracking start, but at most a year back (the
    /// longest window, a half year and the half year after it, fits in a year; anything older is closed).
    /// </summary>
    public static DateOnly ChaseFrom(DateOnly trackingStartsOn, DateOnly today)
    {
        var yearAgo = new DateOnly(today.Year, today.Month, 1).AddMonths(-12);
        return trackingStartsOn > yearAgo ? trackingStartsOn : yearAgo;
    }

    /// <summary>
    /// The new due date of an approved extension: the policy's extension length counted from the current due
    /// date or from the day of the decision, whichever is later, so a request granted late is never already past.
    /// </summary>
    public static DateOnly ExtendedDueDate(DateOnly currentDueDate, DateOnly decidedOn, int extensionDays)
    {
        if (extensionDays < 1) throw new ArgumentOutOfRangeException(nameof(extensionDays), extensionDays, "An extension is at least one day.");
        return (currentDueDate > decidedOn ? currentDueDate : decidedOn).AddDays(extensionDays);
    }
}
