namespace BranchBot.Domain.Meetings;

/// <summary>One kind's figures for a span of dates: meetings held against the quota, and the attendance at them.</summary>
public sealed record MeetingKindFigures(MeetingKind Kind, int Held, int Quota, int Minuted, AttendanceCount Attendance);

/// <summary>The branch's meeting figures for a span (the yearly export's "meetings held against quota").</summary>
public sealed record MeetingYear(DateOnly From, DateOnly To, IReadOnlyList<MeetingKindFigures> Kinds, IReadOnlyDictionary<int, int> GroupMeetingsByGroup,
    IReadOnlyDictionary<int, AttendanceCount> AttendanceByMember);

/// <summary>The yearly figures of 三会一课, for the yearly export to call.</summary>
public static class MeetingFigures
{
    /// <summary>
    /// Meetings held from <paramref name="from"/> to <paramref name="to"/> (branch-local start dates; held = started by
    /// <paramref name="now"/> and not cancelled) per kind against the quota over the semesters' days in the span
    /// (weekly and monthly quotas count each week or month begun inside a semester in the span; a semester quota counts
    /// each semester that starts in the span; the academic calendar's semesters when it has any), the group meetings per group (the group quota is per group: multiply
    /// by the groups), and each member's attendance. With <paramref name="people"/> (a group's sheet) only those people's
    /// answers count in the attendance; the meetings held are counted whoever attended.
    /// </summary>
    public static MeetingYear For(IEnumerable<Meeting> meetings, MeetingQuotas quotas, Branch branch, DateOnly from, DateOnly to, DateTimeOffset now,
        IReadOnlySet<int>? people = null, Calendar.AcademicCalendar? calendar = null)
    {
        bool Counts(MeetingAttendee a) => people is null || people.Contains(a.MemberId);
        var held = meetings.Where(m => m.IsHeldBy(now) && branch.LocalDate(m.StartsAt) >= from && branch.LocalDate(m.StartsAt) <= to).ToList();
        var semesters = Semesters(from, to, calendar).ToList();
        var kinds = Enum.GetValues<MeetingKind>().Select(kind =>
        {
            var ofKind = held.Where(m => m.Kind == kind).ToList();
            var (span, count) = quotas.For(kind);
            var quota = span == QuotaSpan.Semester
                ? semesters.Count(s => s.Start >= from && s.Start <= to) * count
                : semesters.Sum(s => MeetingForecast.SpanStarts(span, s).Count(d => d >= from && d <= to)) * count;
            return new MeetingKindFigures(kind, ofKind.Count, quota, ofKind.Count(m => m.Minutes is not null),
                AttendanceRules.Count(ofKind.SelectMany(m => m.Attendees).Where(Counts).Select(a => new AttendanceRecord(default, a.Answer))));
        }).ToList();
        var byGroup = held.Where(m => m.GroupId is not null).GroupBy(m => m.GroupId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var byMember = held.SelectMany(m => m.Attendees.Where(Counts).Select(a => (a.MemberId, Record: new AttendanceRecord(m.StartsAt, a.Answer))))
            .GroupBy(x => x.MemberId).ToDictionary(g => g.Key, g => AttendanceRules.Count(g.Select(x => x.Record)));
        return new(from, to, kinds, byGroup, byMember);
    }

    // The academic calendar's semesters overlapping the span when it has any, else the placeholder's.
    private static IEnumerable<Semester> Semesters(DateOnly from, DateOnly to, Calendar.AcademicCalendar? calendar)
    {
        if (calendar is { HasSemesters: true })
        {
            foreach (var s in calendar.Spans.Where(s => s.Kind == Calendar.SpanKind.Semester && s.Start <= to && s.End >= from))
                yield return new Semester(s.Start, s.End);
            yield break;
        }
        var seen = new HashSet<DateOnly>();
        for (var d = new DateOnly(from.Year, from.Month, 1); d <= to; d = d.AddMonths(1))
            if (Semester.Containing(d) is { } s && seen.Add(s.Start)) yield return s;
    }
}
