namespace BranchBot.Domain;

/// <summary>
/// The branch as the rules see it: its time zone (every deadline is a local date there) and the first
/// day anything is owed. Nothing before <see cref="TrackingStartsOn"/> is owed, so that importing a
/// roster does not make everyone overdue for the past.
/// </summary>
public sealed record Branch
{
    /// <summary>Creates the branch.</summary>
    public Branch(string name, TimeZoneInfo timeZone, DateOnly trackingStartsOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeZone);
        Name = name;
        TimeZone = timeZone;
        TrackingStartsOn = trackingStartsOn;
    }

    /// <summary>Display name.</summary>
    public string Name { get; }
    /// <summary>The branch's time zone (Asia/Shanghai by default).</summary>
    public TimeZoneInfo TimeZone { get; }
    /// <summary>The first local date on which anything is owed.</summary>
    public DateOnly TrackingStartsOn { get; }

    /// <summary>The branch-local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The branch-local wall-clock time of an instant.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>The instant of a branch-local wall-clock time.</summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, TimeZone.GetUtcOffset(unspecified));
    }

    /// <summary>The instant at which a local date ends: 23:59:59 that day, branch time.</summary>
    public DateTimeOffset EndOfDay(DateOnly date) => ToInstant(date.ToDateTime(new TimeOnly(23, 59, 59)));
}
