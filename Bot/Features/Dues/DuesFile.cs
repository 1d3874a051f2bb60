using BranchBot.Bot.Features.Roster;
using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Dues;

/// <summary>The outcome of a dues import: the rates set or changed, or every line's problem (and nothing stored).</summary>
public sealed record DuesImportResult(int Rates, IReadOnlyList<string> Problems)
{
    public bool Accepted => Problems.Count == 0;
}

/// <summary>
/// Monthly amounts imported from a small CSV (UTF-8 or GB18030, a header line, one member a line):
/// <c>student_number,amount,from_month</c> (学号,金额,起始月份 as a header too), e.g. <c>2024001,0.50,2026-09</c>. Each line sets
/// the member's rate from that month (or changes the one already set for it), recorded as set by the committee member
/// named with <c>--by</c>. Amounts are read exactly (<see cref="DuesAmount.TryParse"/>); only probationary and full
/// members on the roster get one. All or nothing.
/// </summary>
public sealed class DuesFile(BranchDbContext db, TimeProvider time)
{
    public const string Header = "student_number,amount,from_month";

    public async Task<DuesImportResult> ImportAsync(byte[] bytes, string byStudentNumber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync(ct);
        var byNumber = members.ToDictionary(m => m.StudentNumber, StringComparer.OrdinalIgnoreCase);
        if (!byNumber.TryGetValue(byStudentNumber, out var recorder) || !DuesRules.MayRecord(recorder))
            return new(0, [$"--by {byStudentNumber}: the rates are set by a committee member on the roster"]);
        var (records, unterminated) = Csv.Parse(Csv.Decode(bytes));
        var problems = new List<string>();
        if (unterminated is { } at) problems.Add($"line {at}: a quoted field is not closed");
        var rows = new List<(int Row, Member Member, decimal Amount, Period From)>();
        foreach (var (row, fields) in records)
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            var number = Field(fields, 0);
            if (row == records[0].Row && number is "student_number" or "学号") continue;
            if (!byNumber.TryGetValue(number, out var member)) { problems.Add($"line {row}: nobody on the roster has student number {number}"); continue; }
            if (member.Stage is not (Stage.Probationary or Stage.Full)) { problems.Add($"line {row}: {number} is not a probationary or full member and owes no dues"); continue; }
            if (DuesAmount.TryParse(Field(fields, 1), DuesAmount.MaxMonthly, out var amount) is { } problem)
            {
                problems.Add($"line {row}: the amount '{Field(fields, 1)}' is refused ({Describe(problem)})");
                continue;
            }
            if (!Period.TryParse(Field(fields, 2), out var from) || from!.Cadence != Cadence.Monthly) { problems.Add($"line {row}: the month must be like 2026-09"); continue; }
            rows.Add((row, member, amount, from));
        }
        foreach (var twice in rows.GroupBy(r => (r.Member.Id, r.From)).Where(g => g.Count() > 1))
            problems.Add($"lines {string.Join(", ", twice.Select(r => r.Row))}: {twice.First().Member.StudentNumber} from {twice.Key.From.Key} is listed twice");
        if (problems.Count > 0) return new(0, problems);

        var now = time.GetUtcNow();
        var rates = await db.DuesRates.ToListAsync(ct);
        foreach (var (_, member, amount, from) in rows)
        {
            if (rates.FirstOrDefault(r => r.MemberId == member.Id && r.FromMonth == from) is { } existing) existing.Change(amount, recorder.Id, now);
            else db.DuesRates.Add(new DuesRate(member.Id, from, amount, recorder.Id, now));
        }
        await db.SaveChangesAsync(ct);
        return new(rows.Count, []);
    }

    private static string Describe(AmountProblem problem) => problem switch
    {
        AmountProblem.NotANumber => "not a number like 0.50",
        AmountProblem.Negative => "negative",
        AmountProblem.Zero => "zero",
        AmountProblem.TooManyDecimals => "more than two decimals",
        AmountProblem.TooLarge => $"above {DuesAmount.MaxMonthly:0.00} yuan a month",
        _ => problem.ToString(),
    };

    private static string Field(List<string> fields, int i) => i < fields.Count ? fields[i].Trim() : "";
}
