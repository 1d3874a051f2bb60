using System.Globalization;
using System.Text;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Roster;

// Writes the roster as Excel opens it (CSV: UTF-8 with BOM, CRLF; or an .xlsx workbook) under Simplified Chinese
// headers; importing the output again changes nothing.
public sealed class RosterExport(BranchDbContext db)
{
    private static readonly RosterColumn[] Order =
    [
        RosterColumn.StudentNumber, RosterColumn.Name, RosterColumn.Email, RosterColumn.Group, RosterColumn.Stage,
        RosterColumn.StageSince, RosterColumn.Mentors, RosterColumn.Roles, RosterColumn.GraduatesOn,
    ];

    public async Task<byte[]> ExportAsync(CancellationToken ct)
    {
        var csv = new StringBuilder();
        // A field a spreadsheet would run as a formula (= + - @) is written with an apostrophe (Csv.Guarded); import takes it off.
        foreach (var fields in await RowsAsync(ct)) csv.Append(string.Join(',', fields.Select(Csv.Guarded))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // The same rows as one sheet, every cell text (student numbers keep their leading zeros); it imports unchanged too.
    public async Task<byte[]> ExportXlsxAsync(CancellationToken ct)
    {
        var rows = (await RowsAsync(ct)).Select(r => (IReadOnlyList<XlsxCell>)r.Select(XlsxCell.Of).ToList()).ToList();
        return Xlsx.ToBytes([new XlsxSheet("名单", rows)]);
    }

    // The header, then a row per person.
    private async Task<List<string[]>> RowsAsync(CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Include(m => m.Mentors).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var numbers = members.ToDictionary(m => m.Id, m => m.StudentNumber);

        var rows = new List<string[]> { Order.Select(RosterVocabulary.ChineseHeader).ToArray() };
        foreach (var m in members.OrderBy(m => m.GroupId).ThenByDescending(m => m.Stage).ThenBy(m => m.StudentNumber, StringComparer.Ordinal))
        {
            rows.Add(
            [
                m.StudentNumber,
                m.Name,
                m.Email ?? "",
                groups[m.GroupId],
                RosterVocabulary.Chinese(m.Stage),
                m.StageSince.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string.Join(';', m.Mentors.Select(a => numbers[a.MentorId]).Order(StringComparer.Ordinal)),
                string.Join(';', RosterVocabulary.Each(m.Roles).Select(RosterVocabulary.Chinese)),
                m.GraduatesOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ]);
        }
        return rows;
    }
}
