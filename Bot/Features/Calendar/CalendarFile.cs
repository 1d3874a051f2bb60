using System.Globalization;
using System.Text;
using BranchBot.Bot.Features.Roster;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Calendar;

/// <summary>The outcome of a calendar import: what was stored, or every line's problem (and nothing stored).</summary>
public sealed record CalendarImportResult(int Spans, int Leaves, IReadOnlyList<string> Problems)
{
    /// <summary>Whether it was stored.</summary>
    public bool Accepted => Problems.Count == 0;
}

/// <summary>
/// The academic calendar as a small CSV file the committee keeps (UTF-8, a header line, one span or leave a line):
/// <c>kind,start,end,student_number,note</c>. Kinds: semester, winter, summer, national-day, exam (spans, no student
/// number) and suspension (休学), exchange, sick (a person's leave, with their student number). Importing replaces every
/// span (the file is the calendar) and adds or replaces each listed leave (one per person and first day); all or nothing.
/// Exporting writes the same form, so importing the export again changes nothing.
/// </summary>
public sealed class CalendarFile(BranchDbContext db, TimeProvider time)
{
    /// <summary>The header line.</summary>
    public const string Header = "kind,start,end,student_number,note";

    private static readonly Dictionary<string, SpanKind> SpanKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["semester"] = SpanKind.Semester, ["学期"] = SpanKind.Semester,
        ["winter"] = SpanKind.WinterVacation, ["寒假"] = SpanKind.WinterVacation,
        ["summer"] = SpanKind.SummerVacation, ["暑假"] = SpanKind.SummerVacation,
        ["national-day"] = SpanKind.NationalDay, ["国庆"] = SpanKind.NationalDay,
        ["exam"] = SpanKind.ExamWeek, ["考试周"] = SpanKind.ExamWeek,
    };

    private static readonly Dictionary<string, LeaveKind> LeaveKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["suspension"] = LeaveKind.Suspension, ["休学"] = LeaveKind.Suspension,
        ["exchange"] = LeaveKind.Exchange, ["交换"] = LeaveKind.Exchange,
        ["sick"] = LeaveKind.Sick, ["病假"] = LeaveKind.Sick,
    };

    /// <summary>The file's name for a span kind.</summary>
    public static string Name(SpanKind kind) => kind switch
    {
        SpanKind.Semester => "semester",
        SpanKind.WinterVacation => "winter",
        SpanKind.SummerVacation => "summer",
        SpanKind.NationalDay => "national-day",
        SpanKind.ExamWeek => "exam",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The file's name for a leave kind.</summary>
    public static string Name(LeaveKind kind) => kind switch
    {
        LeaveKind.Suspension => "suspension",
        LeaveKind.Exchange => "exchange",
        LeaveKind.Sick => "sick",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Checks the whole file, then stores it, or nothing and every problem (English, with the line number).</summary>
    public async Task<CalendarImportResult> ImportAsync(byte[] bytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (records, unterminated) = Csv.Parse(Csv.Decode(bytes));
        var problems = new List<string>();
        if (unterminated is { } at) problems.Add($"line {at}: a quoted field is not closed");
        var numbers = await db.Members.AsNoTracking().Select(m => new { m.Id, m.StudentNumber }).ToDictionaryAsync(m => m.StudentNumber, m => m.Id, StringComparer.OrdinalIgnoreCase, ct);
        var spans = new List<CalendarSpan>();
        var leaves = new List<Leave>();
        var now = time.GetUtcNow();
        foreach (var (row, fields) in records)
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            var kind = Field(fields, 0);
            if (row == records[0].Row && string.Equals(kind, "kind", StringComparison.OrdinalIgnoreCase)) continue;
            var start = Date(Field(fields, 1));
            var end = Date(Field(fields, 2));
            var number = Field(fields, 3);
            var note = Csv.Unguard(Field(fields, 4));
            if (start is null || end is null) { problems.Add($"line {row}: start and end must be dates like 2027-01-18"); continue; }
            if (end < start) { problems.Add($"line {row}: it ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})"); continue; }
            if (SpanKinds.TryGetValue(kind, out var spanKind))
            {
                if (number.Length > 0) { problems.Add($"line {row}: a {Name(spanKind)} has no student number"); continue; }
                spans.Add(new CalendarSpan(spanKind, start.Value, end.Value));
            }
            else if (LeaveKinds.TryGetValue(kind, out var leaveKind))
            {
                if (number.Length == 0) { problems.Add($"line {row}: a leave needs the student number of the person away"); continue; }
                if (!numbers.TryGetValue(number, out var memberId)) { problems.Add($"line {row}: nobody on the roster has student number {number}"); continue; }
                if (note.Length > Leave.ReasonMaxLength) { problems.Add($"line {row}: the note is longer than {Leave.ReasonMaxLength} characters"); continue; }
                leaves.Add(new Leave(memberId, leaveKind, start.Value, end.Value, note, null, now));
            }
            else problems.Add($"line {row}: '{kind}' is not a kind (semester, winter, summer, national-day, exam, suspension, exchange, sick)");
        }
        foreach (var twice in spans.GroupBy(s => (s.Kind, s.Start)).Where(g => g.Count() > 1))
            problems.Add($"{Name(twice.Key.Kind)} from {twice.Key.Start:yyyy-MM-dd} is listed twice");
        foreach (var twice in leaves.GroupBy(l => (l.MemberId, l.Start)).Where(g => g.Count() > 1))
            problems.Add($"a leave of {numbers.First(n => n.Value == twice.Key.MemberId).Key} from {twice.Key.Start:yyyy-MM-dd} is listed twice");
        // No two spans of one kind overlap (the card's rule, CalendarSpanRules); a span listed twice is reported above.
        var byStart = spans.OrderBy(s => s.Start).ToList();
        for (var i = 1; i < byStart.Count; i++)
            if (CalendarSpanRules.Overlapping(byStart[i].Kind, byStart[i].Start, byStart[i].End, byStart.Take(i)) is { } earlier && earlier.Start != byStart[i].Start)
                problems.Add($"the {Name(byStart[i].Kind)} spans from {earlier.Start:yyyy-MM-dd} and {byStart[i].Start:yyyy-MM-dd} overlap");
        foreach (var leave in leaves.GroupBy(l => l.MemberId))
        {
            var ordered = leave.OrderBy(l => l.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].Start <= ordered[i - 1].End)
                    problems.Add($"two leaves of {numbers.First(n => n.Value == leave.Key).Key} overlap ({ordered[i - 1].Start:yyyy-MM-dd} and {ordered[i].Start:yyyy-MM-dd})");
        }
        if (problems.Count > 0) return new(0, 0, problems);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CalendarSpans.RemoveRange(await db.CalendarSpans.ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.CalendarSpans.AddRange(spans);
        foreach (var leave in leaves)
        {
            var replaced = await db.Leaves.Where(l => l.MemberId == leave.MemberId && l.Start == leave.Start).ToListAsync(ct);
            db.Leaves.RemoveRange(replaced);
        }
        await db.SaveChangesAsync(ct);
        db.Leaves.AddRange(leaves);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(spans.Count, leaves.Count, []);
    }

    /// <summary>The calendar and every leave in the import's form (UTF-8 with BOM, CRLF), spans first, each by date.</summary>
    public async Task<byte[]> ExportAsync(CancellationToken ct)
    {
        var spans = await db.CalendarSpans.AsNoTracking().ToListAsync(ct);
        var leaves = await db.Leaves.AsNoTracking().ToListAsync(ct);
        var numbers = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.StudentNumber, ct);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var s in spans.OrderBy(s => s.Start).ThenBy(s => s.Kind))
            csv.Append(string.Join(',', new[] { Name(s.Kind), Iso(s.Start), Iso(s.End), "", "" }.Select(Csv.Escape))).Append("\r\n");
        foreach (var l in leaves.OrderBy(l => l.Start).ThenBy(l => numbers[l.MemberId], StringComparer.Ordinal))
            csv.Append(string.Join(',', new[] { Name(l.Kind), Iso(l.Start), Iso(l.End), numbers[l.MemberId] }.Select(Csv.Escape).Append(Csv.Guarded(l.Reason)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Field(List<string> fields, int i) => i < fields.Count ? fields[i].Trim() : "";
    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
