using System.Globalization;

namespace BranchBot.Domain.Dues;

/// <summary>Why an amount of Party dues was refused.</summary>
public enum AmountProblem
{
    /// <summary>Not a plain decimal number (digits and one point; no exponent, no thousands separator).</summary>
    NotANumber = 1,
    /// <summary>Below zero.</summary>
    Negative = 2,
    /// <summary>Zero: nothing to record.</summary>
    Zero = 3,
    /// <summary>More than two decimals (yuan with fen).</summary>
    TooManyDecimals = 4,
    /// <summary>Above the largest amount accepted.</summary>
    TooLarge = 5,
}

/// <summary>Amounts of Party dues: yuan with fen, exact decimals, never floating point.</summary>
public static class DuesAmount
{
    /// <summary>The largest monthly amount accepted for one person (a student pays well under a yuan; a teacher a few hundred).</summary>
    public const decimal MaxMonthly = 1_000m;
    /// <summary>The largest remittance accepted for one month of the branch.</summary>
    public const decimal MaxRemittance = 1_000_000m;

    /// <summary>Checks an amount: above zero, at most two decimals, at most <paramref name="max"/>.</summary>
    public static AmountProblem? Check(decimal amount, decimal max) =>
        amount < 0 ? AmountProblem.Negative
        : amount == 0 ? AmountProblem.Zero
        : decimal.Round(amount, 2) != amount ? AmountProblem.TooManyDecimals
        : amount > max ? AmountProblem.TooLarge
        : null;

    /// <summary>The amount to the fen, with two decimals whatever the database gave back (SQLite keeps decimals as text, "1.5").</summary>
    public static decimal ToFen(decimal amount) => Math.Round(amount + 0.00m, 2);

    /// <summary>Reads an amount typed into a card ("0.50", "12", "-1"), invariant culture, then <see cref="Check"/>s it.</summary>
    public static AmountProblem? TryParse(string? text, decimal max, out decimal amount)
    {
        amount = 0;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is 0 or > 20 || !decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            return AmountProblem.NotANumber;
        if (Check(parsed, max) is { } problem) return problem;
        amount = parsed;
        return null;
    }
}

/// <summary>A member's monthly amount from a month on (set by the committee); the latest from a month not after the asked month applies.</summary>
public sealed class DuesRate
{
    private DuesRate() { FromMonth = null!; }

    /// <summary>Sets <paramref name="memberId"/>'s monthly amount from <paramref name="fromMonth"/> on.</summary>
    public DuesRate(int memberId, Period fromMonth, decimal amount, int setById, DateTimeOffset setAt)
    {
        ArgumentNullException.ThrowIfNull(fromMonth);
        if (fromMonth.Cadence != Cadence.Monthly) throw new ArgumentException("Dues are monthly.", nameof(fromMonth));
        if (DuesAmount.Check(amount, DuesAmount.MaxMonthly) is { } problem) throw new ArgumentOutOfRangeException(nameof(amount), amount, problem.ToString());
        MemberId = memberId;
        FromMonth = fromMonth;
        Amount = amount;
        SetById = setById;
        SetAt = setAt;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The member.</summary>
    public int MemberId { get; private set; }
    /// <summary>The first month it applies to.</summary>
    public Period FromMonth { get; private set; }
    /// <summary>Yuan per month.</summary>
    public decimal Amount { get; private set; }
    /// <summary>Who set it.</summary>
    public int SetById { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset SetAt { get; private set; }

    /// <summary>Changes the amount of this month's rate (the committee corrects it).</summary>
    public void Change(decimal amount, int setById, DateTimeOffset setAt)
    {
        if (DuesAmount.Check(amount, DuesAmount.MaxMonthly) is { } problem) throw new ArgumentOutOfRangeException(nameof(amount), amount, problem.ToString());
        Amount = amount;
        SetById = setById;
        SetAt = setAt;
    }
}

/// <summary>One member's dues for one month, paid: the amount and the receipt number. One per member and month.</summary>
public sealed class DuesPayment
{
    /// <summary>Longest receipt number accepted.</summary>
    public const int ReceiptMaxLength = 64;

    private DuesPayment() { Month = null!; Receipt = ""; }

    /// <summary>Records a payment.</summary>
    public DuesPayment(int memberId, Period month, decimal amount, string receipt, DateOnly paidOn, int recordedById, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(month);
        if (month.Cadence != Cadence.Monthly) throw new ArgumentException("Dues are monthly.", nameof(month));
        if (DuesAmount.Check(amount, DuesAmount.MaxMonthly) is { } problem) throw new ArgumentOutOfRangeException(nameof(amount), amount, problem.ToString());
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt);
        MemberId = memberId;
        Month = month;
        Amount = amount;
        Receipt = receipt.Trim();
        PaidOn = paidOn;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who paid.</summary>
    public int MemberId { get; private set; }
    /// <summary>The month paid for.</summary>
    public Period Month { get; private set; }
    /// <summary>Yuan paid.</summary>
    public decimal Amount { get; private set; }
    /// <summary>The receipt number.</summary>
    public string Receipt { get; private set; }
    /// <summary>The day it was paid.</summary>
    public DateOnly PaidOn { get; private set; }
    /// <summary>Who recorded it.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>The branch's remittance upward (上缴) for one month, with its receipt. One per month.</summary>
public sealed class DuesRemittance
{
    private DuesRemittance() { Month = null!; Receipt = ""; }

    /// <summary>Records a remittance.</summary>
    public DuesRemittance(Period month, decimal amount, string receipt, DateOnly remittedOn, int recordedById, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(month);
        if (month.Cadence != Cadence.Monthly) throw new ArgumentException("Dues are monthly.", nameof(month));
        if (DuesAmount.Check(amount, DuesAmount.MaxRemittance) is { } problem) throw new ArgumentOutOfRangeException(nameof(amount), amount, problem.ToString());
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt);
        Month = month;
        Amount = amount;
        Receipt = receipt.Trim();
        RemittedOn = remittedOn;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The month remitted.</summary>
    public Period Month { get; private set; }
    /// <summary>Yuan remitted.</summary>
    public decimal Amount { get; private set; }
    /// <summary>The upper organisation's receipt number.</summary>
    public string Receipt { get; private set; }
    /// <summary>The day it was remitted.</summary>
    public DateOnly RemittedOn { get; private set; }
    /// <summary>Who recorded it.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>Who owes dues for a month, at what amount, who records them, and when the unpaid are reminded.</summary>
public static class DuesRules
{
    /// <summary>The day of the month on which members who have not paid the month are reminded.</summary>
    public const int ReminderDay = 20;

    /// <summary>The day the unpaid are reminded of <paramref name="month"/>: its <see cref="ReminderDay"/>.</summary>
    public static DateOnly ReminderOn(Period month)
    {
        ArgumentNullException.ThrowIfNull(month);
        if (month.Cadence != Cadence.Monthly) throw new ArgumentException("Dues are monthly.", nameof(month));
        return month.Start.AddDays(ReminderDay - 1);
    }

    /// <summary>
    /// Any committee member records payments, rates and remittances (the roster has no treasurer office; the
    /// organisation member usually does it, but the secretary stands in).
    /// </summary>
    public static bool MayRecord(Member member) => member.IsCommittee;

    /// <summary>
    /// A recorded payment may be corrected (amount, receipt) or withdrawn (recorded by mistake) by whoever may record
    /// it, until the month's remittance upward is recorded: from then the month's money has left the branch and its
    /// ledger is closed.
    /// </summary>
    public static bool MayCorrect(Member member, DuesRemittance? remittance) => MayRecord(member) && remittance is null;

    /// <summary>
    /// A member owes a month's dues when they are a probationary or full member on the month's last day and were not
    /// transferred out by then (<see cref="Member.TransferredOn"/>).
    /// </summary>
    public static bool Owes(Member member, Period month) =>
        member.StageOn(month.End) is Stage.Probationary or Stage.Full && member.IsActiveOn(month.End);

    /// <summary>The amount that applies to the month: the latest rate from a month not after it; null when none was set.</summary>
    public static decimal? RateFor(IEnumerable<DuesRate> rates, int memberId, Period month) =>
        rates.Where(r => r.MemberId == memberId && r.FromMonth.CompareTo(month) <= 0).OrderByDescending(r => r.FromMonth).FirstOrDefault()?.Amount;

    /// <summary>The payment is not for a month before the member owed dues, nor for a month after the one being recorded in.</summary>
    public static bool MayPayFor(Member member, Period month, Period current) => month.CompareTo(current) <= 0 && Owes(member, month);
}
