using System.Globalization;
using System.Reflection;

namespace BranchBot.Domain.Tests;

internal static class Zones
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
}

/// <summary>Literal dates and instants, so that tests read like the calendar.</summary>
internal static class At
{
    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant written with its offset, e.g. "2026-01-31T23:59:59+08:00".</summary>
    public static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>An instant in Shanghai (UTC+8, no DST), e.g. "2026-01-31 23:59:59".</summary>
    public static DateTimeOffset Cst(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    public static Period P(string key) => Period.Parse(key);
}

internal sealed class BranchBuilder
{
    private TimeZoneInfo _zone = Zones.Shanghai;
    private DateOnly _trackingStartsOn = new(2026, 1, 1);

    public BranchBuilder In(TimeZoneInfo zone) { _zone = zone; return this; }
    public BranchBuilder TrackingFrom(string date) { _trackingStartsOn = At.Date(date); return this; }
    public Branch Build() => new("艺术设计学院学生党支部", _zone, _trackingStartsOn);

    public static Branch Default => new BranchBuilder().Build();
}

internal sealed class MemberBuilder
{
    private static readonly PropertyInfo IdProperty = typeof(Member).GetProperty(nameof(Member.Id))!;
    private static int _nextId = 1000;

    private int _id = Interlocked.Increment(ref _nextId);
    private Stage _stage = Stage.Activist;
    private DateOnly _since = new(2025, 9, 1);
    private int _groupId = 1;
    private Roles _roles = Roles.None;
    private int[] _mentors = [];
    private string? _number;
    private readonly List<StageChange> _later = [];

    public static MemberBuilder Activist(int id) => new MemberBuilder().WithId(id).AtStage(Stage.Activist);
    public static MemberBuilder Probationary(int id) => new MemberBuilder().WithId(id).AtStage(Stage.Probationary);
    public static MemberBuilder DevelopmentTarget(int id) => new MemberBuilder().WithId(id).AtStage(Stage.DevelopmentTarget);
    public static MemberBuilder Full(int id) => new MemberBuilder().WithId(id).AtStage(Stage.Full);

    public MemberBuilder WithId(int id) { _id = id; return this; }
    public MemberBuilder AtStage(Stage stage) { _stage = stage; return this; }
    public MemberBuilder Since(string date) { _since = At.Date(date); return this; }
    public MemberBuilder InGroup(int groupId) { _groupId = groupId; return this; }
    public MemberBuilder WithRoles(Roles roles) { _roles = roles; return this; }
    public MemberBuilder MentoredBy(params int[] mentorIds) { _mentors = mentorIds; return this; }
    public MemberBuilder Numbered(string studentNumber) { _number = studentNumber; return this; }
    // A later fact of the history, recorded after the first stage (in the order given).
    public MemberBuilder Then(Stage stage, string since, StageChangeSource source = StageChangeSource.Import)
    {
        _later.Add(new StageChange(stage, At.Date(since), source, At.Date(since)));
        return this;
    }

    public Member Build()
    {
        var member = new Member(_number ?? $"S{_id:D6}", $"成员{_id}", _groupId, _stage, _since, _roles, $"s{_id}@example.edu");
        IdProperty.SetValue(member, _id); // as EF would
        foreach (var change in _later) member.RecordStage(change);
        if (_mentors.Length > 0) member.SetMentors(_mentors);
        return member;
    }
}

/// <summary>Facts as the obligation engine sees them, from literal dates.</summary>
internal static class Fact
{
    public static FulfilmentFact Report(int memberId, string period, DateTimeOffset at, ObligationKind kind = ObligationKind.ThoughtReport) =>
        FulfilmentFact.Report(memberId, kind, At.P(period), at);

    public static FulfilmentFact Talk(int mentorId, int menteeId, string date, DateTimeOffset recordedAt) =>
        FulfilmentFact.Talk(mentorId, menteeId, At.Date(date), recordedAt);

    public static ExcuseFact Excuse(int? ownerId, int subjectId, ObligationKind kind, string period, DateTimeOffset at) =>
        new(ownerId, subjectId, kind, At.P(period), at);

    /// <summary>An approved extension.</summary>
    public static ExtensionFact Extension(int memberId, ObligationKind kind, string period, string until) =>
        new(memberId, kind, At.P(period), At.Date(until));

    public static FulfilmentFact Evaluation(int subjectId, ObligationKind kind, string period, DateTimeOffset at) =>
        FulfilmentFact.Evaluation(subjectId, kind, At.P(period), at);
}
