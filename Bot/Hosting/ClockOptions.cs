using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// Section "Clock". <c>Clock:StartsAt</c> (an instant with its offset, e.g. <c>2026-11-26T10:00:00+08:00</c>) makes the
/// bot start its clock at that instant and let it run from there: end-to-end tests and demos choose the day the
/// branch lives in. It is refused in Production, where the bot always runs on the machine's clock.
/// </summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    public DateTimeOffset? StartsAt { get; set; }
}

// Without a host (a bare service collection) the environment counts as Production.
internal sealed class ClockOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<ClockOptions>
{
    public ValidateOptionsResult Validate(string? name, ClockOptions options) =>
        options.StartsAt is not null && (environment?.IsProduction() ?? true)
            ? ValidateOptionsResult.Fail(
                $"{ClockOptions.Section}:StartsAt is a test and demo setting and is refused in Production (ASPNETCORE_ENVIRONMENT={environment?.EnvironmentName ?? "Production"}); remove it or run in another environment.")
            : ValidateOptionsResult.Success;
}

/// <summary>The machine's clock moved to a chosen start: time still passes at the real rate from there.</summary>
public sealed class StartedClock(DateTimeOffset startsAt, TimeProvider machine) : TimeProvider
{
    private readonly long _startedTimestamp = machine.GetTimestamp();

    public override DateTimeOffset GetUtcNow() =>
        startsAt.ToUniversalTime() + machine.GetElapsedTime(_startedTimestamp);

    public override TimeZoneInfo LocalTimeZone => machine.LocalTimeZone;

    public override long TimestampFrequency => machine.TimestampFrequency;

    public override long GetTimestamp() => machine.GetTimestamp();

    public static TimeProvider For(ClockOptions options) =>
        options.StartsAt is { } start ? new StartedClock(start, System) : System;
}
