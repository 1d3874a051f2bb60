using System.Text;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features.Roster;

// A migrated SQLite file in its own temporary folder, deleted on dispose.
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        ConnectionString = $"Data Source={Path.Combine(Folder, "test.db")};Pooling=False";
        using var db = NewContext();
        db.Database.Migrate();
    }

    public string Folder { get; }
    public string ConnectionString { get; }

    public BranchDbContext NewContext() => BranchDbContextFactory.Create(DatabaseProvider.Sqlite, ConnectionString);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a leftover temp folder is harmless
    }
}

// A small valid roster (header = row 1, first person = row 2) to alter cell by cell.
public sealed class RosterFileBuilder
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    private readonly List<string> _header = ["学号", "姓名", "邮箱", "小组", "阶段", "阶段开始日期", "联系人", "职务"];
    private readonly List<List<string>> _rows =
    [
        ["2019001", "王建国", "wangjianguo@branch.example", "第一党小组", "正式党员", "2021-06-01", "", "书记;组长"],
        ["2019002", "李红", "lihong@branch.example", "第一党小组", "正式党员", "2021-06-01", "", ""],
        ["2019003", "张伟", "zhangwei@branch.example", "第二党小组", "正式党员", "2022/6/1", "", "组长；组织委员"],
        ["2022001", "刘洋", "liuyang@branch.example", "第一党小组", "积极分子", "2026-03-01", "2019001", ""],
        ["2022002", "陈静", "chenjing@branch.example", "第二党小组", "发展对象", "2026-05-01", "2019002;2019003", ""],
        ["2022003", "杨帆", "", "第二党小组", "预备党员", "2026-01-10", "", ""],
    ];

    public const int People = 6;

    public RosterFileBuilder Set(string studentNumber, string header, string value)
    {
        _rows.Single(r => r[0] == studentNumber)[_header.IndexOf(header)] = value;
        return this;
    }

    public RosterFileBuilder Add(params string[] fields)
    {
        _rows.Add([.. fields]);
        return this;
    }

    public RosterFileBuilder Remove(string studentNumber)
    {
        _rows.RemoveAll(r => r[0] == studentNumber);
        return this;
    }

    public RosterFileBuilder Header(params string[] header)
    {
        _header.Clear();
        _header.AddRange(header);
        return this;
    }

    public RosterFileBuilder Replace(string from, string to)
    {
        foreach (var row in _rows)
            for (var i = 0; i < row.Count; i++) row[i] = row[i] == from ? to : row[i];
        return this;
    }

    public RosterFileBuilder AddColumn(string header, string value = "")
    {
        _header.Add(header);
        foreach (var row in _rows) row.Add(value);
        return this;
    }

    public RosterFileBuilder DropColumn(string header)
    {
        var i = _header.IndexOf(header);
        _header.RemoveAt(i);
        foreach (var row in _rows) row.RemoveAt(i);
        return this;
    }

    public string Text() =>
        string.Concat(new[] { _header }.Concat(_rows).Select(r => string.Join(',', r.Select(Quote)) + "\r\n"));

    public byte[] Bytes(Encoding? encoding = null, bool bom = false)
    {
        var body = (encoding ?? new UTF8Encoding(false)).GetBytes(Text());
        return bom ? [.. Encoding.UTF8.GetPreamble(), .. body] : body;
    }

    // The same roster as an .xlsx workbook's first sheet, as Excel keeps it: student numbers as numbers, the rest text;
    // a second sheet that is not the roster, which the import does not read.
    public byte[] Xlsx(params string[] titleAbove)
    {
        var rows = new List<IReadOnlyList<XlsxCell>>();
        if (titleAbove.Length > 0) rows.Add(titleAbove.Select(XlsxCell.Of).ToList());
        rows.Add(_header.Select(XlsxCell.Of).ToList());
        var number = _header.IndexOf("学号");
        foreach (var row in _rows)
            rows.Add(row.Select((v, i) => i == number && decimal.TryParse(v, out var n) ? XlsxCell.Of(n) : XlsxCell.Of(v)).ToList());
        return Infrastructure.Spreadsheets.Xlsx.ToBytes([new XlsxSheet("名单", rows), new XlsxSheet("说明", [[XlsxCell.Of("not a roster")]])]);
    }

    private static string Quote(string v) => v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
}
