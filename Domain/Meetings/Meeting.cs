namespace BranchBot.Domain.Meetings;

/// <summary>The four kinds of 三会一课.</summary>
public enum MeetingKind
{
    /// <summary>支委会: the committee.</summary>
    Committee = 1,
    /// <summary>党小组会: one group.</summary>
    Group = 2,
    /// <summary>党员大会: all party members.</summary>
    General = 3,
    /// <summary>党课: the Party lecture.</summary>
    Lecture = 4,
}

/// <summary>What an expected attendee said about a meeting.</summary>
public enum MeetingAnswer
{
    /// <summary>Nothing yet (after the meeting: an unexcused absence).</summary>
    None = 0,
    /// <summary>Checked in from the card within the window.</summary>
    CheckedIn = 1,
    /// <summary>Sent an absence with a reason (请假).</summary>
    Absent = 2,
}

/// <summary>
/// A meeting scheduled by its convener: kind, start, place (or online), topic and recorder; the minutes once written.
/// <see cref="Version"/> grows when the meeting is cancelled, so older cards are refused as stale.
/// </summary>
public sealed class Meeting
{
    /// <summary>Longest place, topic and minutes accepted.</summary>
    public const int PlaceMaxLength = 200, TopicMaxLength = 200, MinutesMaxLength = 5_000;

    private readonly List<MeetingAttendee> _attendees = [];

    private Meeting() { Place = ""; Topic = ""; IdempotencyKey = ""; }

    /// <summary>Schedules a meeting; <paramref name="groupId"/> is set for a group meeting only.</summary>
    public Meeting(MeetingKind kind, int? groupId, int convenerId, int recorderId, DateTimeOffset startsAt, string place, bool online, string topic,
        IEnumerable<int> attendeeIds, DateTimeOffset at, string idempotencyKey)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown meeting kind.");
        if ((kind == MeetingKind.Group) != groupId.HasValue) throw new ArgumentException("A group meeting, and only a group meeting, names its group.", nameof(groupId));
        ArgumentException.ThrowIfNullOrWhiteSpace(place);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        Kind = kind;
        GroupId = groupId;
        ConvenerId = convenerId;
        RecorderId = recorderId;
        StartsAt = startsAt;
        Place = place.Trim();
        Online = online;
        Topic = topic.Trim();
        CreatedAt = at;
        IdempotencyKey = idempotencyKey;
        Version = 1;
        foreach (var id in attendeeIds.Distinct()) _attendees.Add(new MeetingAttendee(id));
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Which of the four kinds.</summary>
    public MeetingKind Kind { get; private set; }
    /// <summary>The group, for a group meeting.</summary>
    public int? GroupId { get; private set; }
    /// <summary>Who scheduled it.</summary>
    public int ConvenerId { get; private set; }
    /// <summary>Who writes the minutes (the convener unless they named someone).</summary>
    public int RecorderId { get; private set; }
    /// <summary>When it starts.</summary>
    public DateTimeOffset StartsAt { get; private set; }
    /// <summary>Room or online link.</summary>
    public string Place { get; private set; }
    /// <summary>Held online.</summary>
    public bool Online { get; private set; }
    /// <summary>The topic.</summary>
    public string Topic { get; private set; }
    /// <summary>The minutes, once written.</summary>
    public string? Minutes { get; private set; }
    /// <summary>When the minutes were written.</summary>
    public DateTimeOffset? MinutedAt { get; private set; }
    /// <summary>When it was cancelled, if it was.</summary>
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>When it was scheduled.</summary>
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Convener and scheduling card: a double click schedules one meeting.</summary>
    public string IdempotencyKey { get; private set; }
    /// <summary>Grows with each change that makes older cards stale.</summary>
    public int Version { get; private set; }
    /// <summary>The people expected, with their answers.</summary>
    public IReadOnlyList<MeetingAttendee> Attendees => _attendees;

    /// <summary>Held: started and not cancelled.</summary>
    public bool IsHeldBy(DateTimeOffset now) => CancelledAt is null && StartsAt <= now;

    /// <summary>The recorder writes (or rewrites) the minutes.</summary>
    public void RecordMinutes(string minutes, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(minutes);
        Minutes = minutes.Trim();
        MinutedAt = at;
    }

    /// <summary>The convener cancels it before it starts; cards sent for it become stale.</summary>
    public void Cancel(DateTimeOffset at)
    {
        CancelledAt = at;
        Version++;
    }
}

/// <summary>One person expected at a meeting (fixed when it was scheduled), and their answer.</summary>
public sealed class MeetingAttendee
{
    private MeetingAttendee() { }

    internal MeetingAttendee(int memberId) { MemberId = memberId; }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The meeting.</summary>
    public long MeetingId { get; private set; }
    /// <summary>The person.</summary>
    public int MemberId { get; private set; }
    /// <summary>Checked in, absent with a reason, or nothing.</summary>
    public MeetingAnswer Answer { get; private set; }
    /// <summary>The absence's reason.</summary>
    public string? Reason { get; private set; }
    /// <summary>When they answered.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Records the check-in.</summary>
    public void CheckIn(DateTimeOffset at)
    {
        if (Answer != MeetingAnswer.None) throw new InvalidOperationException("Already answered.");
        Answer = MeetingAnswer.CheckedIn;
        AnsweredAt = at;
    }

    /// <summary>Records an absence with its reason.</summary>
    public void SendAbsence(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Answer != MeetingAnswer.None) throw new InvalidOperationException("Already answered.");
        Answer = MeetingAnswer.Absent;
        Reason = reason.Trim();
        AnsweredAt = at;
    }
}
