namespace BranchBot.Domain.Transfers;

/// <summary>
/// 组织关系转接: a graduating member's introduction letter (issued on a date, to a destination organisation) and the
/// return receipt (回执) once it is back. One per member.
/// </summary>
public sealed class Transfer
{
    /// <summary>Longest destination accepted.</summary>
    public const int DestinationMaxLength = 200;

    private Transfer() { Destination = ""; }

    /// <summary>Records the introduction letter.</summary>
    public Transfer(int memberId, DateOnly letterIssuedOn, string destination, int recordedById, DateTimeOffset recordedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        MemberId = memberId;
        LetterIssuedOn = letterIssuedOn;
        Destination = destination.Trim();
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The member transferred.</summary>
    public int MemberId { get; private set; }
    /// <summary>The day the introduction letter was issued.</summary>
    public DateOnly LetterIssuedOn { get; private set; }
    /// <summary>The organisation the member transfers to.</summary>
    public string Destination { get; private set; }
    /// <summary>The day the return receipt came back; null until traced.</summary>
    public DateOnly? ReceiptOn { get; private set; }
    /// <summary>Who recorded the letter.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>Who recorded the receipt.</summary>
    public int? ReceiptRecordedById { get; private set; }

    /// <summary>Records the return receipt.</summary>
    public void RecordReceipt(DateOnly on, int recordedById)
    {
        if (ReceiptOn is not null) throw new InvalidOperationException("The receipt is already recorded.");
        if (on < LetterIssuedOn) throw new ArgumentOutOfRangeException(nameof(on), on, "The receipt cannot come back before the letter was issued.");
        ReceiptOn = on;
        ReceiptRecordedById = recordedById;
    }
}

/// <summary>Why a letter or receipt was refused.</summary>
public enum TransferProblem
{
    /// <summary>Only the committee records transfers.</summary>
    NotCommittee = 1,
    /// <summary>Only probationary and full members transfer their organisation relation.</summary>
    NotAPartyMember = 2,
    /// <summary>The date is after today.</summary>
    InFuture = 3,
    /// <summary>The letter was already recorded.</summary>
    AlreadyIssued = 4,
    /// <summary>No letter was recorded, so no receipt can come back.</summary>
    NoLetter = 5,
    /// <summary>The receipt is dated before the letter.</summary>
    BeforeLetter = 6,
    /// <summary>The receipt was already recorded.</summary>
    AlreadyReceived = 7,
    /// <summary>The member has no graduation date on the roster, or graduates after this year.</summary>
    NotGraduating = 8,
}

/// <summary>Who is listed as graduating, who records letters and receipts, and which receipts are chased.</summary>
public static class TransferRules
{
    /// <summary>The month the graduating members are listed (June).</summary>
    public const int ListingMonth = 6;

    /// <summary>Graduating in <paramref name="year"/>: a probationary or full member whose graduation date is in that year.</summary>
    public static bool IsGraduating(Member member, int year) =>
        member.GraduatesOn is { } on && on.Year == year && member.Stage is Stage.Probationary or Stage.Full;

    /// <summary>The graduating members of the year, listed from June on; the list the committee works through.</summary>
    public static IReadOnlyList<Member> Graduating(IEnumerable<Member> members, int year) =>
        [.. members.Where(m => IsGraduating(m, year)).OrderBy(m => m.GraduatesOn).ThenBy(m => m.StudentNumber, StringComparer.Ordinal)];

    /// <summary>Whether the graduating list is shown on <paramref name="today"/>: from June 1 to the end of the year.</summary>
    public static bool IsListingSeason(DateOnly today) => today.Month >= ListingMonth;

    /// <summary>
    /// Whether a letter may be issued for the member on <paramref name="today"/>: a graduation date on the roster in this
    /// year or earlier (a graduate of an earlier year whose letter was never recorded is still transferred).
    /// </summary>
    public static bool MayTransfer(Member member, DateOnly today) => member.GraduatesOn is { } on && on.Year <= today.Year;

    /// <summary>The committee records a letter for a graduating party member who has none yet, dated today or earlier.</summary>
    public static TransferProblem? CheckLetter(Member recorder, Member member, Transfer? existing, DateOnly issuedOn, DateOnly today) =>
        !recorder.IsCommittee ? TransferProblem.NotCommittee
        : member.Stage is not (Stage.Probationary or Stage.Full) ? TransferProblem.NotAPartyMember
        : existing is not null ? TransferProblem.AlreadyIssued
        : !MayTransfer(member, today) ? TransferProblem.NotGraduating
        : issuedOn > today ? TransferProblem.InFuture
        : null;

    /// <summary>The committee records the receipt of a letter that was issued, dated between the letter and today.</summary>
    public static TransferProblem? CheckReceipt(Member recorder, Transfer? transfer, DateOnly receivedOn, DateOnly today) =>
        !recorder.IsCommittee ? TransferProblem.NotCommittee
        : transfer is null ? TransferProblem.NoLetter
        : transfer.ReceiptOn is not null ? TransferProblem.AlreadyReceived
        : receivedOn > today ? TransferProblem.InFuture
        : receivedOn < transfer.LetterIssuedOn ? TransferProblem.BeforeLetter
        : null;

    /// <summary>A letter without its receipt is chased every month (on the 1st) until the receipt is recorded.</summary>
    public static bool IsChased(Transfer transfer) => transfer.ReceiptOn is null;

    /// <summary>
    /// Whether the receipt is chased on <paramref name="day"/>: a 1st of the month after the letter was issued, with the
    /// receipt still missing. So a letter issued on 10 June is chased on 1 July, 1 August, … until traced.
    /// </summary>
    public static bool IsChasedOn(Transfer transfer, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return day.Day == 1 && transfer.LetterIssuedOn < day && IsChased(transfer);
    }
}

/// <summary>The transfers of a year: who graduated, letters issued and receipts back, the receipts still missing.</summary>
public sealed record TransferYear(int Year, IReadOnlyList<int> Graduating, IReadOnlyList<int> WithoutLetter, IReadOnlyList<int> LettersIssued,
    IReadOnlyList<int> ReceiptsReceived, IReadOnlyList<int> ReceiptsMissing);

/// <summary>The figures of 组织关系转接, for the yearly export.</summary>
public static class TransferFigures
{
    /// <summary>
    /// For <paramref name="year"/>: the members graduating that year (<see cref="TransferRules.IsGraduating"/>, whatever
    /// their stage now if they were transferred) and those of them without a letter; the letters issued in the year;
    /// of those, the receipts back and the receipts missing (by member id, ordered).
    /// </summary>
    public static TransferYear For(int year, IEnumerable<Member> members, IEnumerable<Transfer> transfers)
    {
        var list = transfers.ToList();
        var byMember = list.ToDictionary(t => t.MemberId);
        var graduating = members.Where(m => m.GraduatesOn?.Year == year && (byMember.ContainsKey(m.Id) || TransferRules.IsGraduating(m, year)))
            .Select(m => m.Id).Order().ToList();
        var issued = list.Where(t => t.LetterIssuedOn.Year == year).ToList();
        return new TransferYear(year, graduating, [.. graduating.Where(id => !byMember.ContainsKey(id))],
            [.. issued.Select(t => t.MemberId).Order()],
            [.. issued.Where(t => t.ReceiptOn is not null).Select(t => t.MemberId).Order()],
            [.. issued.Where(TransferRules.IsChased).Select(t => t.MemberId).Order()]);
    }
}
