namespace BranchBot.Domain;

/// <summary>
/// The periods whose facts are loaded, per cadence: from <see cref="From"/> on. A schedule built over such facts
/// builds no obligation of an earlier period (it would look unfulfilled), so every answer it gives about a period in
/// the window is exact and it gives none about a period before it.
/// </summary>
public sealed class FactWindow
{
    private readonly DateOnly _monthly;
    private readonly DateOnly _quarterly;
    private readonly DateOnly _halfYearly;

    private FactWindow(DateOnly monthly, DateOnly quarterly, DateOnly halfYearly)
    {
        _monthly = monthly;
        _quarterly = quarterly;
        _halfYearly = halfYearly;
    }

    /// <summary>The first day of the first period of the cadence whose facts are loaded.</summary>
    public DateOnly From(Cadence cadence) => cadence switch
    {
        Cadence.Monthly => _monthly,
        Cadence.Quarterly => _quarterly,
        Cadence.HalfYearly => _halfYearly,
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence."),
    };

    /// <summary>The earliest <see cref="From"/> of any cadence.</summary>
    public DateOnly Earliest => Min(_monthly, Min(_quarterly, _halfYearly));

    /// <summary>Every period of every cadence that overlaps [<paramref name="since"/>, ...]: the turns' window.</summary>
    public static FactWindow Since(DateOnly since) =>
        new(Period.Containing(Cadence.Monthly, since).Start, Period.Containing(Cadence.Quarterly, since).Start, Period.Containing(Cadence.HalfYearly, since).Start);

    /// <summary>
    /// What a reminder job needs: per cadence, from the earliest period since <paramref name="chaseFrom"/> that may still
    /// be open on <paramref name="openOn"/> (its last hand-in day, <see cref="HandInWindow.LastDay"/>, not before it), with
    /// the latest approved extension of that period, the largest grace of the cadence's rules and the academic calendar's
    /// moved due date. A period before it is closed for everyone on <paramref name="openOn"/> and so on every later day:
    /// missed or done, never reminded, chased or listed as open. With <paramref name="openOn"/> the first day of a job's
    /// catch-up, what closed during the catch-up is in the window too. At the latest, the period containing
    /// <paramref name="today"/>.
    /// </summary>
    public static FactWindow StillOpen(Policy policy, DateOnly chaseFrom, DateOnly openOn, DateOnly today,
        Calendar.AcademicCalendar? calendar, IEnumerable<ExtensionFact> approvedExtensions)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(approvedExtensions);
        var latestExtension = new Dictionary<Period, DateOnly>();
        foreach (var x in approvedExtensions)
            if (!latestExtension.TryGetValue(x.Period, out var known) || x.Until > known) latestExtension[x.Period] = x.Until;
        DateOnly FromOf(Cadence cadence)
        {
            var grace = policy.Rules.Where(r => r.Cadence == cadence).Select(r => r.GraceDays).DefaultIfEmpty(0).Max();
            var current = Period.Containing(cadence, today);
            for (var p = Period.Containing(cadence, chaseFrom); p.CompareTo(current) < 0; p = p.Next())
            {
                var regular = HandInWindow.DueDate(p, calendar, policy.DaysAfterBreak);
                if (regular < p.End) regular = p.End;
                var due = latestExtension.TryGetValue(p, out var until) && until > regular ? until : regular;
                if (HandInWindow.LastDay(p, due, grace, regular) >= openOn) return p.Start;
            }
            return current.Start;
        }
        return new(FromOf(Cadence.Monthly), FromOf(Cadence.Quarterly), FromOf(Cadence.HalfYearly));
    }

    /// <summary>The periods of every cadence from the window's start through the one containing <paramref name="today"/>.</summary>
    public IReadOnlyList<Period> PeriodsThrough(DateOnly today)
    {
        var periods = new List<Period>();
        foreach (var cadence in new[] { Cadence.Monthly, Cadence.Quarterly, Cadence.HalfYearly })
            for (var p = Period.Containing(cadence, From(cadence)); p.Start <= today; p = p.Next())
                periods.Add(p);
        return periods;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <inheritdoc />
    public override string ToString() => $"monthly from {_monthly:yyyy-MM-dd}, quarterly from {_quarterly:yyyy-MM-dd}, half-yearly from {_halfYearly:yyyy-MM-dd}";
}
