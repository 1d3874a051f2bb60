using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Dues;

/// <summary>
/// One month's dues ledger (党费台账) as a one-sheet workbook or CSV (the yearly export's writers): a row per member
/// who owed the month or paid for it (rate, amount paid, receipt, day), the totals, and the remittance with its receipt.
/// Served by the yearly export's download endpoint for a ticket with <see cref="DownloadTicket.DuesMonth"/>.
/// </summary>
public static class DuesLedgerExport
{
    public static async Task<byte[]> BuildAsync(BranchDbContext db, Period month, Language language, ExportFormat format, CancellationToken ct)
    {
        var sheet = await SheetAsync(db, month, language, ct);
        return format == ExportFormat.Xlsx ? Xlsx.ToBytes([sheet]) : YearlyExport.CsvOf([sheet]);
    }

    public static async Task<XlsxSheet> SheetAsync(BranchDbContext db, Period month, Language language, CancellationToken ct)
    {
        var ledger = await DuesLedger.LoadAsync(db, month, ct);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var figures = ledger.Figures(month);
        string T(string key, params object?[] args) => Texts.Default.Get(language, key, args);
        var rows = new List<IReadOnlyList<XlsxCell>>
        {
            new XlsxCell[]
            {
                T("export.people.studentNumber"), T("export.people.name"), T("dues.ledger.group"), T("export.people.stage"),
                T("dues.ledger.rate"), T("dues.ledger.paid"), T("dues.ledger.receipt"), T("dues.ledger.paidOn"),
            },
        };
        foreach (var m in ledger.Members.Where(m => DuesRules.Owes(m, month) || ledger.Payments.ContainsKey(m.Id)))
        {
            var rate = DuesRules.RateFor(ledger.Rates, m.Id, month);
            var paid = ledger.Payments.GetValueOrDefault(m.Id);
            rows.Add(
            [
                m.StudentNumber, m.Name, groups.GetValueOrDefault(m.GroupId, ""), m.StageOn(month.End) is { } stage ? Formats.Stage(language, stage) : "",
                rate is { } r ? (XlsxCell)DuesAmount.ToFen(r) : "", paid is null ? (XlsxCell)T("dues.ledger.unpaid") : DuesAmount.ToFen(paid.Amount), paid?.Receipt ?? "",
                paid is null ? "" : paid.PaidOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ]);
        }
        rows.Add([]);
        rows.Add([T("dues.ledger.total"), "", "", "", DuesAmount.ToFen(figures.Expected), DuesAmount.ToFen(figures.Collected), "", ""]);
        rows.Add([T("export.figure.duesOwing", Formats.Period(language, month)), figures.Owing]);
        rows.Add([T("export.figure.duesPaid", Formats.Period(language, month)), figures.Paid]);
        rows.Add([T("dues.ledger.remittance"), ledger.Remittance is { } x ? (XlsxCell)DuesAmount.ToFen(x.Amount) : "", ledger.Remittance?.Receipt ?? "",
            ledger.Remittance is { } y ? y.RemittedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : ""]);
        return new XlsxSheet(T("dues.ledger.sheet", month.Key), rows);
    }
}
