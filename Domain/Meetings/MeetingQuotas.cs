using System.Text.Json.Serialization;

namespace BranchBot.Domain.Meetings;

/// <summary>
/// The meeting rhythm (三会一课) and the check-in window, part of the stored policy and edited by the committee.
/// Defaults from the seed: a committee meeting every week, a group meeting twice a month, at least three general
/// meetings a semester; the seed gives no number for the Party lecture, so two a semester (about once a quarter).
/// Check-in opens 30 minutes before the start and closes 30 minutes after it.
/// </summary>
public sealed record MeetingQuotas
{
    /// <summary>Largest count any quota may ask for.</summary>
    public const int MaxCount = 20;
    /// <summary>Largest check-in window on either side of the start, in minutes.</summary>
    public const int MaxWindowMinutes = 240;

    /// <summary>Validated: counts 0 to <see cref="MaxCount"/>, window sides 0 to <see cref="MaxWindowMinutes"/> minutes.</summary>
    [JsonConstructor]
    public MeetingQuotas(int committeePerWeek = 1, int groupPerMonth = 2, int generalPerSemester = 3, int lecturePerSemester = 2,
        int checkInMinutesBefore = 30, int checkInMinutesAfter = 30)
    {
        Check(committeePerWeek, MaxCount, nameof(committeePerWeek));
        Check(groupPerMonth, MaxCount, nameof(groupPerMonth));
        Check(generalPerSemester, MaxCount, nameof(generalPerSemester));
        Check(lecturePerSemester, MaxCount, nameof(lecturePerSemester));
        Check(checkInMinutesBefore, MaxWindowMinutes, nameof(checkInMinutesBefore));
        Check(checkInMinutesAfter, MaxWindowMinutes, nameof(checkInMinutesAfter));
        CommitteePerWeek = committeePerWeek;
        GroupPerMonth = groupPerMonth;
        GeneralPerSemester = generalPerSemester;
        LecturePerSemester = lecturePerSemester;
        CheckInMinutesBefore = checkInMinutesBefore;
        CheckInMinutesAfter = checkInMinutesAfter;

        static void Check(int value, int max, string name)
        {
            if (value < 0 || value > max) throw new ArgumentOutOfRangeException(name, value, $"{name} is 0 to {max}.");
        }
    }

    /// <summary>The seed's rhythm.</summary>
    public static MeetingQuotas Default { get; } = new();

    /// <summary>支委会 per week.</summary>
    public int CommitteePerWeek { get; }
    /// <summary>党小组会 per month, per group.</summary>
    public int GroupPerMonth { get; }
    /// <summary>党员大会 per semester.</summary>
    public int GeneralPerSemester { get; }
    /// <summary>党课 per semester.</summary>
    public int LecturePerSemester { get; }
    /// <summary>Check-in opens this many minutes before the start.</summary>
    public int CheckInMinutesBefore { get; }
    /// <summary>Check-in closes this many minutes after the start.</summary>
    public int CheckInMinutesAfter { get; }

    /// <summary>How often a kind is owed and how many each time.</summary>
    // No `_ =>` arm: a new kind without an entry is CS8509; CS8524 (unnamed values) is off, the constructor validates.
#pragma warning disable CS8524
    public (QuotaSpan Span, int Count) For(MeetingKind kind) => kind switch
    {
        MeetingKind.Committee => (QuotaSpan.Week, CommitteePerWeek),
        MeetingKind.Group => (QuotaSpan.Month, GroupPerMonth),
        MeetingKind.General => (QuotaSpan.Semester, GeneralPerSemester),
        MeetingKind.Lecture => (QuotaSpan.Semester, LecturePerSemester),
    };
#pragma warning restore CS8524
}

/// <summary>What a meeting quota counts over.</summary>
public enum QuotaSpan
{
    /// <summary>Each week (Monday to Sunday) of the semester.</summary>
    Week = 1,
    /// <summary>Each calendar month of the semester.</summary>
    Month = 2,
    /// <summary>The whole semester.</summary>
    Semester = 3,
}
