using System.Globalization;
using System.Text;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Roster;

// Writes the roster as Excel opens it (UTF-8 with BOM, CRLF) under Simplified Chinese headers;
// importing the output again changes nothing.
public sealed class RosterExport(BranchDbContext db)
{
    private static readonly RosterColumn[] Order =
    [
        RosterColumn.StudentNumber, RosterColumn.Name, RosterColumn.Email, RosterColumn.Group, RosterColumn.Stage,
        RosterColumn.StageSince, RosterColumn.Mentors, RosterColumn.Roles,
    ];

    public async Task<byte[]> ExportAsync(CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Include(m => m.Mentors).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var numbers = members.ToDictionary(m => m.Id, m => m.StudentNumber);

        var csv = new StringBuilder();
        csv.Append(string.Join(',', Order.Select(RosterVocabulary.ChineseHeader))).Append("\r\n");
        foreach (var m in members.OrderBy(m => m.GroupId).ThenByDescending(m => m.Stage).ThenBy(m => m.StudentNumber, StringComparer.Ordinal))
        {
            string[] fields =
            [
                m.StudentNumber,
                m.Name,
                m.Email ?? "",
                groups[m.GroupId],
                RosterVocabulary.Chinese(m.Stage),
                m.StageSince.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string.Join(';', m.Mentors.Select(a => numbers[a.MentorId]).Order(StringComparer.Ordinal)),
                string.Join(';', RosterVocabulary.Each(m.Roles).Select(RosterVocabulary.Chinese)),
            ];
            csv.Append(string.Join(',', fields.Select(Csv.Escape))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
