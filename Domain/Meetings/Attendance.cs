namespace BranchBot.Domain.Meetings;

/// <summary>One held meeting a person was expected at, and what they answered.</summary>
public sealed record AttendanceRecord(DateTimeOffset StartsAt, MeetingAnswer Answer);

/// <summary>A person's attendance: expected, checked in, absent with a reason, absent without one.</summary>
public sealed record AttendanceCount(int Expected, int CheckedIn, int Excused, int Unexcused)
{
    /// <summary>Nothing expected yet.</summary>
    public static readonly AttendanceCount None = new(0, 0, 0, 0);
}

/// <summary>Attendance counts, and the flag for repeated unexcused absence.</summary>
public static class AttendanceRules
{
    /// <summary>The flag looks at this many of the latest held meetings a person was expected at …</summary>
    public const int Window = 3;
    /// <summary>… and is raised when at least this many of them were missed without an absence sent.</summary>
    public const int UnexcusedToFlag = 2;

    /// <summary>Counts the records (held meetings only: the caller leaves out the ones still to come or cancelled).</summary>
    public static AttendanceCount Count(IEnumerable<AttendanceRecord> records)
    {
        var list = records.ToList();
        return new(list.Count, list.Count(r => r.Answer == MeetingAnswer.CheckedIn), list.Count(r => r.Answer == MeetingAnswer.Absent),
            list.Count(r => r.Answer == MeetingAnswer.None));
    }

    /// <summary>Repeated unexcused absence: of the latest <see cref="Window"/> held meetings one was expected at, at least <see cref="UnexcusedToFlag"/> missed with no check-in and no absence sent.</summary>
    public static bool IsRepeatedlyAbsent(IEnumerable<AttendanceRecord> records) =>
        records.OrderByDescending(r => r.StartsAt).Take(Window).Count(r => r.Answer == MeetingAnswer.None) >= UnexcusedToFlag;
}
