namespace BranchBot.Domain.Evaluations;

/// <summary>One Party school training (党校培训): held in April and in October.</summary>
public readonly record struct PartySchoolSession(int Year, int Month)
{
    /// <summary>The months the training is held in.</summary>
    public static readonly IReadOnlyList<int> Months = [4, 10];

    /// <summary>The first day of the session's month.</summary>
    public DateOnly Start => new(Year, Month, 1);

    /// <summary>The last day of the session's month.</summary>
    public DateOnly End => Start.AddMonths(1).AddDays(-1);

    /// <summary>A key such as 2026-04.</summary>
    public string Key => FormattableString.Invariant($"{Year:D4}-{Month:D2}");

    /// <summary>Whether it is an April or an October session of a sensible year.</summary>
    public bool IsValid => Year is >= 2000 and <= 9999 && Months.Contains(Month);

    /// <summary>The session nominations go to on <paramref name="date"/>: the one running or the next to come.</summary>
    public static PartySchoolSession NextOn(DateOnly date) => date.Month switch
    {
        <= 4 => new(date.Year, 4),
        <= 10 => new(date.Year, 10),
        _ => new(date.Year + 1, 4),
    };

    /// <summary>The latest session that has begun by <paramref name="date"/> (whose completion may be recorded).</summary>
    public static PartySchoolSession LatestBegunOn(DateOnly date) => date.Month switch
    {
        < 4 => new(date.Year - 1, 10),
        < 10 => new(date.Year, 4),
        _ => new(date.Year, 10),
    };

    /// <summary>Parses a <see cref="Key"/>; false for anything but an April or October session.</summary>
    public static bool TryParse(string? key, out PartySchoolSession session)
    {
        session = default;
        if (key is not { Length: 7 } || key[4] != '-'
            || !int.TryParse(key.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(key.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)) return false;
        session = new(year, month);
        return session.IsValid;
    }
}

/// <summary>Who is trained at the Party school and when completion can be recorded.</summary>
public static class PartySchoolRules
{
    /// <summary>Activists and development targets are nominated (the seed's "activist (selected)").</summary>
    public static bool MayBeNominated(Stage stage) => stage is Stage.Activist or Stage.DevelopmentTarget;

    /// <summary>Completion is recorded from the session's first day on, never before it began.</summary>
    public static bool MayComplete(PartySchoolSession session, DateOnly today) => today >= session.Start;
}

/// <summary>A person nominated for one Party school session, and whether (when) they completed it. Unique per person and session.</summary>
public sealed class PartySchoolNomination
{
    private PartySchoolNomination() { }

    /// <summary>Nominates <paramref name="memberId"/> for <paramref name="session"/>.</summary>
    public PartySchoolNomination(int memberId, PartySchoolSession session, int nominatedById, DateTimeOffset at)
    {
        if (!session.IsValid) throw new ArgumentOutOfRangeException(nameof(session), session, "Sessions are in April and October.");
        MemberId = memberId;
        Year = session.Year;
        Month = session.Month;
        NominatedById = nominatedById;
        NominatedAt = at;
    }

    /// <summary>Database id.</summary>
    public int Id { get; private set; }
    /// <summary>Who is trained.</summary>
    public int MemberId { get; private set; }
    /// <summary>The session's year.</summary>
    public int Year { get; private set; }
    /// <summary>4 or 10.</summary>
    public int Month { get; private set; }
    /// <summary>The committee member who nominated.</summary>
    public int NominatedById { get; private set; }
    /// <summary>When nominated.</summary>
    public DateTimeOffset NominatedAt { get; private set; }
    /// <summary>The day completion was recorded for, once completed.</summary>
    public DateOnly? CompletedOn { get; private set; }
    /// <summary>Who recorded completion.</summary>
    public int? CompletionRecordedById { get; private set; }

    /// <summary>The session.</summary>
    public PartySchoolSession Session => new(Year, Month);

    /// <summary>Records completion once; a second time changes nothing and returns false.</summary>
    public bool Complete(DateOnly on, int recordedById)
    {
        if (CompletedOn.HasValue) return false;
        if (!PartySchoolRules.MayComplete(Session, on)) throw new InvalidOperationException("The session has not begun.");
        CompletedOn = on;
        CompletionRecordedById = recordedById;
        return true;
    }
}

/// <summary>One Party school session's figures for a year: who was nominated, who completed.</summary>
public sealed record PartySchoolSessionFigures(PartySchoolSession Session, int Nominated, int Completed);

/// <summary>The Party school in the yearly figures.</summary>
public static class PartySchoolFigures
{
    /// <summary>
    /// The April and October sessions of <paramref name="year"/>: nominations and completions, counted for
    /// <paramref name="people"/> only when given (a group's sheet).
    /// </summary>
    public static IReadOnlyList<PartySchoolSessionFigures> For(IEnumerable<PartySchoolNomination> nominations, int year, IReadOnlySet<int>? people = null)
    {
        ArgumentNullException.ThrowIfNull(nominations);
        var ofYear = nominations.Where(n => n.Year == year && (people is null || people.Contains(n.MemberId))).ToList();
        return [.. PartySchoolSession.Months.Select(month =>
        {
            var session = ofYear.Where(n => n.Month == month).ToList();
            return new PartySchoolSessionFigures(new PartySchoolSession(year, month), session.Count, session.Count(n => n.CompletedOn.HasValue));
        })];
    }
}
