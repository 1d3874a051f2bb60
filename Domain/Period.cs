using System.Globalization;

namespace BranchBot.Domain;

/// <summary>
/// One calendar period of a cadence: a month, a quarter or a half year. Immutable and validated at
/// construction. <see cref="Key"/> is its stable text form ("2026-11", "2026-Q4", "2026-H2").
/// </summary>
public sealed record Period : IComparable<Period>
{
    /// <summary>Creates a period; throws when the number is outside the cadence's range.</summary>
    public Period(Cadence cadence, int year, int number)
    {
        if (!Enum.IsDefined(cadence)) throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence.");
        if (year is < 2000 or > 2200) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 2000 and 2200.");
        var max = 12 / (int)cadence;
        if (number < 1 || number > max) throw new ArgumentOutOfRangeException(nameof(number), number, $"A {cadence} period number must be 1..{max}.");
        Cadence = cadence;
        Year = year;
        Number = number;
    }

    /// <summary>The cadence.</summary>
    public Cadence Cadence { get; }
    /// <summary>The calendar year.</summary>
    public int Year { get; }
    /// <summary>1-based number within the year (month 1–12, quarter 1–4, half 1–2).</summary>
    public int Number { get; }

    /// <summary>First day of the period.</summary>
    public DateOnly Start => new(Year, (Number - 1) * (int)Cadence + 1, 1);
    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly End => Start.AddMonths((int)Cadence).AddDays(-1);

    /// <summary>The period that follows this one.</summary>
    public Period Next() => Containing(Cadence, Start.AddMonths((int)Cadence));
    /// <summary>The period before this one.</summary>
    public Period Previous() => Containing(Cadence, Start.AddDays(-1));
    /// <summary>Whether the date falls in this period.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The period of the cadence that contains the date.</summary>
    public static Period Containing(Cadence cadence, DateOnly date) =>
        new(cadence, date.Year, (date.Month - 1) / (int)cadence + 1);

    /// <summary>Stable text form: "2026-11", "2026-Q4", "2026-H2".</summary>
    public string Key => Cadence switch
    {
        Cadence.Monthly => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        Cadence.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Number}"),
    };

    /// <summary>Parses a <see cref="Key"/>; false for anything else.</summary>
    public static bool TryParse(string? key, out Period? period)
    {
        period = null;
        if (key is null || key.Length < 7 || key[4] != '-') return false;
        if (!int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2200) return false;
        var rest = key.AsSpan(5);
        Cadence cadence;
        if (rest.Length == 2 && rest[0] == 'Q') { cadence = Cadence.Quarterly; rest = rest[1..]; }
        else if (rest.Length == 2 && rest[0] == 'H') { cadence = Cadence.HalfYearly; rest = rest[1..]; }
        else if (rest.Length == 2) cadence = Cadence.Monthly;
        else return false;
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        if (number < 1 || number > 12 / (int)cadence) return false;
        period = new Period(cadence, year, number);
        return true;
    }

    /// <summary>Parses a <see cref="Key"/>; throws <see cref="FormatException"/> for anything else.</summary>
    public static Period Parse(string key) =>
        TryParse(key, out var p) ? p! : throw new FormatException($"'{key}' is not a period key like 2026-11, 2026-Q4 or 2026-H2.");

    /// <inheritdoc />
    public int CompareTo(Period? other)
    {
        if (other is null) return 1;
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : Cadence.CompareTo(other.Cadence);
    }

    /// <inheritdoc />
    public override string ToString() => Key;
}
