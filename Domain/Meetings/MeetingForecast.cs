namespace BranchBot.Domain.Meetings;

/// <summary>
/// One kind's progress against its quota in a semester: <see cref="Held"/> so far, <see cref="Due"/> by now (a weekly or
/// monthly quota counts each week or month of the semester begun so far; a semester quota is due in full), the
/// semester's <see cref="Required"/> total, the whole <see cref="WeeksLeft"/>, and the day to schedule the next one by
/// when one is still owed (<see cref="ScheduleBefore"/>, null when on track).
/// </summary>
public sealed record QuotaProgress(MeetingKind Kind, QuotaSpan Span, int PerSpan, int Held, int Due, int Required, int WeeksLeft, DateOnly? ScheduleBefore)
{
    /// <summary>Fewer held than due by now (for a semester quota: fewer than required).</summary>
    public bool IsBehind => Held < Due;
}

/// <summary>The quota forecast: "2 of 3 general meetings held, 6 weeks left: schedule one before …".</summary>
public static class MeetingForecast
{
    /// <summary>
    /// Progress of one kind in the semester holding <paramref name="today"/>, from the local dates of the meetings of
    /// that kind held (for a group meeting: that group's). Meetings outside the semester or after today are ignored.
    /// </summary>
    public static QuotaProgress For(MeetingKind kind, MeetingQuotas quotas, Semester semester, IEnumerable<DateOnly> heldOn, DateOnly today)
    {
        var (span, count) = quotas.For(kind);
        var held = heldOn.Where(d => semester.Contains(d) && d <= today).ToList();
        var last = today < semester.End ? today : semester.End;
        var weeksLeft = semester.WeeksLeft(today);
        switch (span)
        {
            case QuotaSpan.Semester:
            {
                var remaining = Math.Max(0, count - held.Count);
                DateOnly? before = remaining == 0 || today > semester.End ? null
                    : Min(semester.End, today.AddDays(Math.Max(1, (semester.End.DayNumber - today.DayNumber) / remaining)));
                return new(kind, span, count, held.Count, count, count, weeksLeft, before);
            }
            default:
            {
                var starts = SpanStarts(span, semester).ToList();
                var begun = starts.Count(s => s <= last);
                var current = starts.LastOrDefault(s => s <= last);
                var currentEnd = Min(semester.End, span == QuotaSpan.Week ? current.AddDays(6) : current.AddMonths(1).AddDays(-1));
                var inCurrent = held.Count(d => d >= current && d <= currentEnd);
                DateOnly? before = today > semester.End || today < semester.Start || inCurrent >= count ? null : currentEnd;
                return new(kind, span, count, held.Count, begun * count, starts.Count * count, weeksLeft, before);
            }
        }
    }

    /// <summary>The first day of each week (Monday) or month counted in a semester; the first starts on the semester's first day.</summary>
    public static IEnumerable<DateOnly> SpanStarts(QuotaSpan span, Semester semester)
    {
        var day = semester.Start;
        while (day <= semester.End)
        {
            yield return day;
            day = span == QuotaSpan.Week
                ? day.AddDays(7 - ((int)day.DayOfWeek + 6) % 7)
                : new DateOnly(day.Year, day.Month, 1).AddMonths(1);
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
