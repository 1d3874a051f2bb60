namespace BranchBot.Domain.Meetings;

/// <summary>Whether an answer to a meeting card comes in time.</summary>
public enum CheckInVerdict
{
    /// <summary>Within the window.</summary>
    Open = 1,
    /// <summary>The window has not opened yet.</summary>
    TooEarly = 2,
    /// <summary>The window has closed.</summary>
    TooLate = 3,
}

/// <summary>Who convenes which meeting, who is expected, and when people may check in or send an absence.</summary>
public static class MeetingRules
{
    /// <summary>The group leader convenes their own group's meeting; the committee convenes the other three kinds.</summary>
    public static bool MayConvene(Member member, MeetingKind kind) => kind == MeetingKind.Group ? member.IsGroupLeader : member.IsCommittee;

    /// <summary>
    /// Who is expected: the committee for a committee meeting, the group's members for a group meeting, all party
    /// members (probationary and full) for a general meeting, and for the Party lecture also the activists and
    /// development targets (the lecture is part of their cultivation).
    /// </summary>
    // No `_ =>` arm: a new kind without an entry is CS8509; CS8524 (unnamed values) is off, the constructor validates.
#pragma warning disable CS8524
    public static bool IsExpected(Member member, MeetingKind kind, int? groupId) => kind switch
    {
        MeetingKind.Committee => member.IsCommittee,
        MeetingKind.Group => member.GroupId == groupId,
        MeetingKind.General => member.Stage is Stage.Probationary or Stage.Full,
        MeetingKind.Lecture => true,
    };
#pragma warning restore CS8524

    /// <summary>Check-in is open from <see cref="MeetingQuotas.CheckInMinutesBefore"/> before the start to <see cref="MeetingQuotas.CheckInMinutesAfter"/> after it.</summary>
    public static CheckInVerdict CheckIn(DateTimeOffset startsAt, DateTimeOffset now, MeetingQuotas quotas) =>
        now < OpensAt(startsAt, quotas) ? CheckInVerdict.TooEarly
        : now > ClosesAt(startsAt, quotas) ? CheckInVerdict.TooLate
        : CheckInVerdict.Open;

    /// <summary>When check-in opens.</summary>
    public static DateTimeOffset OpensAt(DateTimeOffset startsAt, MeetingQuotas quotas) => startsAt.AddMinutes(-quotas.CheckInMinutesBefore);

    /// <summary>When check-in closes; an absence may be sent until the same moment (before or during the meeting).</summary>
    public static DateTimeOffset ClosesAt(DateTimeOffset startsAt, MeetingQuotas quotas) => startsAt.AddMinutes(quotas.CheckInMinutesAfter);

    /// <summary>An absence with a reason is accepted any time before check-in closes.</summary>
    public static bool MaySendAbsence(DateTimeOffset startsAt, DateTimeOffset now, MeetingQuotas quotas) => now <= ClosesAt(startsAt, quotas);

    /// <summary>The minutes are written after the start, by the recorder or the convener.</summary>
    public static bool MayWriteMinutes(Meeting meeting, int memberId, DateTimeOffset now) =>
        (memberId == meeting.RecorderId || memberId == meeting.ConvenerId) && meeting.IsHeldBy(now);

    /// <summary>Only the convener cancels, and only before the start.</summary>
    public static bool MayCancel(Meeting meeting, int memberId, DateTimeOffset now) =>
        memberId == meeting.ConvenerId && meeting.CancelledAt is null && now < meeting.StartsAt;
}
