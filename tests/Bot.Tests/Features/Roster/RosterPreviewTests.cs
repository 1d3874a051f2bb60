using System.Text;
using BranchBot.Bot.Features.Roster;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features.Roster;

/// <summary>The tab's roster upload: .xlsx as well as CSV, a preview that keeps nothing, an apply that writes exactly
/// what was previewed or nothing, and files that are too big or not a roster refused with a reason.</summary>
public sealed class RosterPreviewTests : IDisposable
{
    private static readonly DateOnly Today = RosterFileBuilder.Today;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<RosterImportResult> ImportAsync(byte[] file, TestDatabase? database = null)
    {
        await using var db = (database ?? _database).NewContext();
        return await new RosterImport(db).ImportAsync(file, Today, CancellationToken.None);
    }

    private async Task<RosterPreview> PreviewAsync(byte[] file, DateOnly? today = null)
    {
        await using var db = _database.NewContext();
        return await new RosterImport(db).PreviewAsync(file, today ?? Today, CancellationToken.None);
    }

    private async Task<RosterImportResult> ApplyAsync(byte[] file, string token)
    {
        await using var db = _database.NewContext();
        return await new RosterImport(db).ApplyAsync(file, Today, token, CancellationToken.None);
    }

    // Everything an import may change: the roster as exported, the stage history and the stored settings.
    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var export = Encoding.UTF8.GetString(await new RosterExport(db).ExportAsync(CancellationToken.None));
        var history = string.Join(";", await db.Members.SelectMany(m => m.StageChanges).OrderBy(c => c.Id).Select(c => c.Stage + "@" + c.Since).ToListAsync());
        var settings = string.Join(";", await db.BranchSettings.Select(s => s.TrackingStartsOn).ToListAsync());
        return $"{export}|{history}|{settings}|{await db.Groups.CountAsync()}/{await db.MentorAssignments.CountAsync()}";
    }

    private static RosterFileBuilder Changed() => new RosterFileBuilder()
        .Set("2019002", "姓名", "李红梅")
        .Set("2022001", "阶段", "发展对象").Set("2022001", "阶段开始日期", "2026-11-01").Set("2022001", "联系人", "2019001;2019002")
        .Add("2023001", "周敏", "zhoumin@branch.example", "第三党小组", "积极分子", "2026-10-01", "2019003", "");

    [Fact]
    public async Task ImportAsync_XlsxWorkbook_ImportsLikeTheSameCsv()
    {
        using var csvDatabase = new TestDatabase();
        var file = new RosterFileBuilder();

        var fromCsv = await ImportAsync(file.Bytes(), csvDatabase);
        var fromXlsx = await ImportAsync(file.Xlsx());

        Assert.True(fromXlsx.Accepted, RosterReport.Render(fromXlsx, "en"));
        Assert.Equal(fromCsv.Changes.Select(c => (c.Row, c.StudentNumber, c.Name, c.Kind)), fromXlsx.Changes.Select(c => (c.Row, c.StudentNumber, c.Name, c.Kind)));
        Assert.Equal(fromCsv.GroupsCreated, fromXlsx.GroupsCreated);
        Assert.Equal(await SnapshotAsync(csvDatabase), await SnapshotAsync(_database));
    }

    [Fact]
    public async Task ImportAsync_XlsxWithATitleAboveTheHeader_SkipsTheTitleAndNumbersRowsAsExcelDoes()
    {
        var result = await ImportAsync(new RosterFileBuilder().Set("2022001", "阶段开始日期", "2026-12-01").Xlsx("第一支部党员名单"));

        Assert.Equal([new RosterProblem(6, RosterColumn.StageSince, RosterProblemCode.FutureDate, "2026-12-01", "2026-11-26")], result.Problems);
        Assert.Empty(await SnapshotMembersAsync());
    }

    [Fact]
    public async Task ExportXlsxAsync_ImportedAgain_ChangesNothing()
    {
        Assert.True((await ImportAsync(Changed().Bytes())).Accepted);
        byte[] workbook;
        await using (var db = _database.NewContext()) workbook = await new RosterExport(db).ExportXlsxAsync(CancellationToken.None);
        var before = await SnapshotAsync(_database);

        var result = await ImportAsync(workbook);

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.All(result.Changes, c => Assert.Equal(RosterChangeKind.Unchanged, c.Kind));
        Assert.Equal(before, await SnapshotAsync(_database));
        using var stream = new MemoryStream(workbook);
        Assert.Equal("学号", Xlsx.Read(stream)[0].Rows[0][0]);
    }

    [Fact]
    public async Task PreviewAsync_ChangedRoster_ReportsWhatWouldChangeAndWritesNothing()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        var before = await SnapshotAsync(_database);

        var preview = await PreviewAsync(Changed().Xlsx());

        Assert.True(preview.Result.Accepted, RosterReport.Render(preview.Result, "en"));
        Assert.NotNull(preview.Token);
        Assert.Equal((1, 2, 4), (preview.Result.Count(RosterChangeKind.Added), preview.Result.Count(RosterChangeKind.Updated), preview.Result.Count(RosterChangeKind.Unchanged)));
        Assert.Equal(["第三党小组"], preview.Result.GroupsCreated);
        var changed = preview.Result.Changes.Single(c => c.StudentNumber == "2022001");
        Assert.Equal([RosterColumn.Stage, RosterColumn.StageSince, RosterColumn.Mentors], changed.Fields);
        Assert.StartsWith("预览（尚未修改）：导入后将新增 1 人，更新 2 人，未变 4 人。", RosterReport.Render(preview.Result, preview: true));
        Assert.Equal(before, await SnapshotAsync(_database));
    }

    [Fact]
    public async Task ApplyAsync_AfterThePreview_WritesExactlyWhatThePreviewShowed()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        using var expected = new TestDatabase();
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes(), expected)).Accepted);
        Assert.True((await ImportAsync(Changed().Bytes(), expected)).Accepted);
        var file = Changed().Bytes();
        var preview = await PreviewAsync(file);

        var applied = await ApplyAsync(file, preview.Token!);

        Assert.True(applied.Accepted, RosterReport.Render(applied, "en"));
        Assert.Equal(preview.Result.Changes.Select(c => (c.Row, c.StudentNumber, c.Kind, string.Join(",", c.Fields), c.Stage)),
            applied.Changes.Select(c => (c.Row, c.StudentNumber, c.Kind, string.Join(",", c.Fields), c.Stage)));
        Assert.Equal(preview.Result.GroupsCreated, applied.GroupsCreated);
        Assert.Equal(await SnapshotAsync(expected), await SnapshotAsync(_database));
    }

    [Fact]
    public async Task ApplyAsync_RosterChangedSinceThePreview_IsRefusedSayingSoAndWritesNothing()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        var file = Changed().Bytes();
        var preview = await PreviewAsync(file);
        Assert.True((await ImportAsync(new RosterFileBuilder().Set("2019002", "邮箱", "hong@branch.example").Bytes())).Accepted);
        var before = await SnapshotAsync(_database);

        var applied = await ApplyAsync(file, preview.Token!);

        Assert.Equal([new RosterProblem(0, null, RosterProblemCode.RosterChangedSincePreview)], applied.Problems);
        Assert.Contains("预览之后名单已有变动", RosterReport.Render(applied));
        Assert.Equal(before, await SnapshotAsync(_database));
    }

    [Fact]
    public async Task ApplyAsync_AnotherFileThanThePreviewed_IsRefusedAndWritesNothing()
    {
        var preview = await PreviewAsync(new RosterFileBuilder().Bytes());

        var applied = await ApplyAsync(Changed().Bytes(), preview.Token!);

        Assert.Equal([new RosterProblem(0, null, RosterProblemCode.NotThePreviewedFile)], applied.Problems);
        Assert.Contains("not the file that was previewed", RosterReport.Render(applied, "en"));
        Assert.Empty(await SnapshotMembersAsync());
    }

    [Fact]
    public async Task PreviewAsync_RejectedFile_HasNoTokenToApply()
    {
        var preview = await PreviewAsync(new RosterFileBuilder().Set("2019001", "阶段", "群众").Bytes());

        Assert.False(preview.Result.Accepted);
        Assert.Null(preview.Token);
    }

    [Fact]
    public async Task PreviewAsync_FileOverTheLimit_IsRefusedNamingTheLimit()
    {
        var text = new RosterFileBuilder().Text() + new string(' ', RosterImport.MaxFileBytes);

        var preview = await PreviewAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal(RosterProblemCode.TooLarge, Assert.Single(preview.Result.Problems).Code);
        Assert.Contains("名单文件最大 2 MB", RosterReport.Render(preview.Result));
        Assert.Null(preview.Token);
    }

    public static TheoryData<string, byte[]> NotRosters() => new()
    {
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFE, 0x01] },
        { "text", Encoding.UTF8.GetBytes("Dear committee,\r\nplease find the minutes attached.\r\n") },
        { "other sheet", Xlsx.ToBytes([new XlsxSheet("Budget", [["Item", "Amount"], ["Tea", 12.5m], ["Paper", 30]])]) },
    };

    [Theory]
    [MemberData(nameof(NotRosters))]
    public async Task PreviewAsync_FileThatIsNotARoster_IsRefusedSayingSo(string kind, byte[] file)
    {
        var preview = await PreviewAsync(file);

        Assert.True(preview.Result.Problems is [{ Code: RosterProblemCode.NotARoster }], kind + ": " + RosterReport.Render(preview.Result, "en"));
        Assert.Contains("这不是名单文件", RosterReport.Render(preview.Result));
    }

    [Fact]
    public async Task PreviewAsync_DamagedWorkbook_IsRefusedSayingItCannotBeRead()
    {
        var workbook = new RosterFileBuilder().Xlsx();

        var preview = await PreviewAsync(workbook[..(workbook.Length / 2)]);

        Assert.Equal([new RosterProblem(0, null, RosterProblemCode.NotAWorkbook)], preview.Result.Problems);
        Assert.Contains("cannot be read", RosterReport.Render(preview.Result, "en"));
    }

    private async Task<List<string>> SnapshotMembersAsync()
    {
        await using var db = _database.NewContext();
        return await db.Members.Select(m => m.StudentNumber).ToListAsync();
    }
}
