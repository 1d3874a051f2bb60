using System.Text;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Features.Summary;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features.Roster;

public class RosterImportTests : IDisposable
{
    private static readonly DateOnly Today = RosterFileBuilder.Today;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<RosterImportResult> ImportAsync(byte[] file)
    {
        await using var db = _database.NewContext();
        return await new RosterImport(db).ImportAsync(file, Today, CancellationToken.None);
    }

    private async Task<byte[]> SnapshotAsync()
    {
        await using var db = _database.NewContext();
        var export = await new RosterExport(db).ExportAsync(CancellationToken.None);
        var counts = $"{await db.Groups.CountAsync()}/{await db.Members.CountAsync()}/{await db.MentorAssignments.CountAsync()}/{await db.BranchSettings.CountAsync()}";
        return [.. export, .. Encoding.UTF8.GetBytes(counts)];
    }

    private async Task<List<Member>> MembersAsync()
    {
        await using var db = _database.NewContext();
        return await db.Members.Include(m => m.Mentors).OrderBy(m => m.StudentNumber).ToListAsync();
    }

    [Fact]
    public async Task ImportAsync_Utf8WithBom_AddsEveryoneAndStartsTracking()
    {
        var result = await ImportAsync(new RosterFileBuilder().Bytes(bom: true));

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(RosterFileBuilder.People, result.Count(RosterChangeKind.Added));
        Assert.Equal(["第一党小组", "第二党小组"], result.GroupsCreated);
        Assert.Equal(Today, result.TrackingStartsOnSet);
        var members = await MembersAsync();
        var leader = members.Single(m => m.StudentNumber == "2019001");
        Assert.Equal(Roles.Secretary | Roles.GroupLeader, leader.Roles);
        Assert.Equal("王建国", leader.Name);
        var target = members.Single(m => m.StudentNumber == "2022002");
        Assert.Equal(Stage.DevelopmentTarget, target.Stage);
        Assert.Equal(2, target.Mentors.Count);
        Assert.All(target.Mentors, a => Assert.Equal(MentorKind.Introducer, a.Kind));
        Assert.Equal(new DateOnly(2022, 6, 1), members.Single(m => m.StudentNumber == "2019003").StageSince);
    }

    [Fact]
    public async Task ImportAsync_Utf8WithoutBom_IsAccepted()
    {
        var result = await ImportAsync(new RosterFileBuilder().Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Contains(await MembersAsync(), m => m.Name == "刘洋");
    }

    [Fact]
    public async Task ImportAsync_Gb18030AsExcelSavesIt_IsAccepted()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var result = await ImportAsync(new RosterFileBuilder().Bytes(Encoding.GetEncoding("GB18030")));

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        var members = await MembersAsync();
        Assert.Contains(members, m => m.Name == "陈静" && m.Stage == Stage.DevelopmentTarget);
    }

    [Fact]
    public async Task ImportAsync_TraditionalHeadersAndValues_AreAccepted()
    {
        var file = new RosterFileBuilder()
            .Header("學號", "姓名", "郵箱", "小組", "階段", "階段開始日期", "聯繫人", "職務")
            .Replace("正式党员", "正式黨員").Replace("积极分子", "積極分子").Replace("发展对象", "發展對象").Replace("预备党员", "預備黨員")
            .Replace("书记;组长", "書記;組長").Replace("组长；组织委员", "組長；組織委員");

        var result = await ImportAsync(file.Bytes(bom: true));

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(Roles.GroupLeader | Roles.OrganizationMember, (await MembersAsync()).Single(m => m.StudentNumber == "2019003").Roles);
    }

    [Fact]
    public async Task ImportAsync_EnglishHeadersInAnotherOrderWithAnUnknownColumn_IsAcceptedAndReportsTheIgnoredColumn()
    {
        var text = "Notes,Stage,Name,StudentNumber,Group,StageSince,Mentors,Roles,Email\n" +
                   "x,Full,Wang Jianguo,2019001,Group One,2021-06-01,,Secretary;GroupLeader,wang@branch.example\n" +
                   "y,Activist,Liu Yang,2022001,Group One,2026-03-01,2019001,,\n";

        var result = await ImportAsync(Encoding.UTF8.GetBytes(text));

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(["Notes"], result.IgnoredColumns);
        Assert.Equal(2, result.Count(RosterChangeKind.Added));
    }

    [Fact]
    public async Task ImportAsync_QuotedFieldsWithCommasNewlinesAndQuotes_KeepTheirText()
    {
        var file = new RosterFileBuilder().Set("2019002", "姓名", "李\"红\", 二班").Set("2019002", "职务", "").Set("2022003", "小组", "第二党小组");

        var result = await ImportAsync(file.Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Contains(await MembersAsync(), m => m.Name == "李\"红\", 二班");
    }

    [Fact]
    public async Task ImportAsync_FieldWithANewline_RowNumbersCountRecordsNotLines()
    {
        var text = "学号,姓名,小组,阶段,阶段开始日期\r\n2019001,\"王\n建国\",第一党小组,正式党员,2021-06-01\r\n2019002,李红,第一党小组,党员,2021-06-01\r\n";

        var result = await ImportAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([new RosterProblem(3, RosterColumn.Stage, RosterProblemCode.UnknownStage, "党员")], result.Problems);
    }

    public static TheoryData<string, string, string, int, RosterColumn?, RosterProblemCode> BadRows => new()
    {
        { "2022001", "姓名", "", 5, RosterColumn.Name, RosterProblemCode.MissingValue },
        { "2022001", "阶段", "党员", 5, RosterColumn.Stage, RosterProblemCode.UnknownStage },
        { "2022001", "职务", "班长", 5, RosterColumn.Roles, RosterProblemCode.UnknownRole },
        { "2022001", "阶段开始日期", "2026-13-01", 5, RosterColumn.StageSince, RosterProblemCode.InvalidDate },
        { "2022001", "阶段开始日期", "2026-11-27", 5, RosterColumn.StageSince, RosterProblemCode.FutureDate },
        { "2022001", "邮箱", "liuyang.branch.example", 5, RosterColumn.Email, RosterProblemCode.InvalidEmail },
        { "2022001", "邮箱", "LIHONG@branch.example", 5, RosterColumn.Email, RosterProblemCode.DuplicateEmail },
        { "2022001", "学号", "2019002", 5, RosterColumn.StudentNumber, RosterProblemCode.DuplicateStudentNumber },
        { "2022001", "联系人", "2099999", 5, RosterColumn.Mentors, RosterProblemCode.MentorNotInFile },
        { "2022001", "联系人", "2022003", 5, RosterColumn.Mentors, RosterProblemCode.MentorNotFull },
        { "2022001", "联系人", "2019001;2019002;2019003", 5, RosterColumn.Mentors, RosterProblemCode.TooManyMentors },
        { "2019002", "联系人", "2019001", 3, RosterColumn.Mentors, RosterProblemCode.TooManyMentors },
        { "2022001", "学号", "2.02201E+06", 5, RosterColumn.StudentNumber, RosterProblemCode.ScientificNotation },
        { "2022001", "联系人", "2.019E+06", 5, RosterColumn.Mentors, RosterProblemCode.ScientificNotation },
        { "2022001", "职务", "组长", 5, RosterColumn.Roles, RosterProblemCode.RoleNeedsPartyMember },
        { "2019002", "职务", "书记", 3, RosterColumn.Roles, RosterProblemCode.OfficeHeldTwice },
        { "2019002", "职务", "组长", 3, RosterColumn.Roles, RosterProblemCode.TwoGroupLeaders },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task ImportAsync_OneBadRow_RejectsTheFileNamingRowColumnAndReasonAndChangesNothing(
        string studentNumber, string header, string value, int row, RosterColumn? column, RosterProblemCode code)
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        var before = await SnapshotAsync();
        var file = new RosterFileBuilder().Set(studentNumber, header, value).Set("2019001", "姓名", "王建华")
            .Add("2023001", "赵敏", "zhaomin@branch.example", "第三党小组", "积极分子", "2026-09-01", "2019001", "");

        var result = await ImportAsync(file.Bytes());

        Assert.False(result.Accepted);
        Assert.Contains((row, column, code), result.Problems.Select(p => (p.Row, p.Column, p.Code)));
        Assert.All(result.Problems, p => Assert.Equal(row, p.Row));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportAsync_ActivistWithoutMentorAndTargetWithOneIntroducer_ImportsAndListsEachAsAWarning()
    {
        var file = new RosterFileBuilder().Set("2022001", "联系人", "").Set("2022002", "联系人", "2019002");

        var result = await ImportAsync(file.Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(
        [
            new RosterProblem(5, RosterColumn.Mentors, RosterProblemCode.TooFewMentors, "Activist", "1", "0"),
            new RosterProblem(6, RosterColumn.Mentors, RosterProblemCode.TooFewMentors, "DevelopmentTarget", "2", "1"),
        ], result.Warnings);
        var members = await MembersAsync();
        Assert.Empty(members.Single(m => m.StudentNumber == "2022001").Mentors);
        Assert.Single(members.Single(m => m.StudentNumber == "2022002").Mentors);
        var report = RosterReport.Render(result);
        Assert.Contains("有 2 处待完善", report);
        Assert.Contains("第 5 行，联系人：积极分子应有 1 名培养联系人，实有 0 名。", report);
        Assert.Contains("第 6 行，联系人：发展对象应有 2 名入党介绍人，实有 1 名。", report);
        Assert.Contains("Row 6, Mentors: DevelopmentTarget needs 2 introducer(s), has 1.", RosterReport.Render(result, "en"));
    }

    [Fact]
    public async Task ImportAsync_ErrorAndWarning_RejectsAndStillListsTheWarning()
    {
        var file = new RosterFileBuilder().Set("2022001", "联系人", "").Set("2022003", "阶段", "群众");

        var result = await ImportAsync(file.Bytes());

        Assert.Equal([new RosterProblem(7, RosterColumn.Stage, RosterProblemCode.UnknownStage, "群众")], result.Problems);
        Assert.Equal([RosterProblemCode.TooFewMentors], result.Warnings.Select(w => w.Code));
        Assert.Contains("另有 1 处待完善（不影响导入）", RosterReport.Render(result));
        Assert.Empty(await MembersAsync());
    }

    [Fact]
    public async Task ImportAsync_UnknownColumn_IsRejectedNamingItAndTheColumnsItCouldBe()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        var before = await SnapshotAsync();
        var file = new RosterFileBuilder().Header("学号", "姓名", "邮件", "小组", "阶段", "阶段开始日期", "联系人", "职务");

        var result = await ImportAsync(file.Bytes());

        Assert.Equal([new RosterProblem(1, null, RosterProblemCode.UnknownColumn, "邮件")], result.Problems);
        Assert.Contains("第 1 行：无法识别的列“邮件”：请改为学号、姓名、邮箱、", RosterReport.Render(result));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportAsync_OldExcelWorkbook_IsRejectedSayingHowToSaveIt()
    {
        var result = await ImportAsync([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, .. new RosterFileBuilder().Bytes()]);

        Assert.Equal([new RosterProblem(0, null, RosterProblemCode.NotCsv)], result.Problems);
        Assert.Contains("CSV UTF-8", RosterReport.Render(result));
        Assert.Contains(".xlsx", RosterReport.Render(result));
        Assert.Empty(await MembersAsync());
    }

    [Fact]
    public async Task ImportAsync_TwoCellLineAboveTheHeader_IsReadAsTheHeaderAndRefused()
    {
        var text = "名单,2026\r\n" + new RosterFileBuilder().Text();

        var result = await ImportAsync(Encoding.UTF8.GetBytes(text));

        Assert.Contains(new RosterProblem(1, null, RosterProblemCode.UnknownColumn, "名单"), result.Problems);
        Assert.Contains(new RosterProblem(1, RosterColumn.StudentNumber, RosterProblemCode.MissingColumn), result.Problems);
    }

    [Fact]
    public async Task ImportAsync_StudentNumberThatLostItsLeadingZeros_IsRejectedNamingThePersonItWas()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Set("2022003", "学号", "0022003").Bytes())).Accepted);
        var before = await SnapshotAsync();

        var result = await ImportAsync(new RosterFileBuilder().Set("2022003", "学号", "22003").Bytes());

        Assert.Equal([new RosterProblem(7, RosterColumn.StudentNumber, RosterProblemCode.LeadingZerosLost, "22003", "0022003", "杨帆")], result.Problems);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportAsync_DataUnderAnEmptyHeaderCell_IsRejected()
    {
        var text = "学号,姓名,,小组,阶段,阶段开始日期\r\n2019001,王建国,x,第一党小组,正式党员,2021-06-01\r\n";

        var result = await ImportAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([new RosterProblem(2, null, RosterProblemCode.ExtraFields)], result.Problems);
    }

    // What Excel writes for a real branch: a 序号 column, traditional headers and stage names, offices split by a
    // full-width semicolon, dates as short date, long date and date-time, full-width digits typed with an IME,
    // non-breaking and ideographic spaces around values, a quoted note with a comma and a newline, trailing empty
    // columns and rows, CRLF.
    private const string ExcelRoster =
        "某某學院學生黨支部名單,,,,,,,,,,,\r\n" +
        ",,,,,,,,,,,\r\n" +
        "序号,學號,姓名,郵箱,小組,階段,階段開始日期,聯繫人,職務,備註,,\r\n" +
        "1,2019001,王建國,Wang@Branch.example,第一黨小組,正式黨員,2021/6/1,,書記；組長,,,\r\n" +
        "2,2019002,\u00A0李紅\u3000,lihong@branch.example ,第一黨小組,正式黨員,2021年6月1日,,,,,\r\n" +
        "3,2019003,張偉,,第二黨小組, 正式黨員 ,2022-06-01 0:00,,組長,,,\r\n" +
        "4,２０２２００１,劉洋,,第一黨小組,積極分子,２０２６／３／５,2019001,,\"轉入, 待建檔\n2025級\",,\r\n" +
        "5,2022002,陳靜,,第二黨小組,發展對象,2026/5/1,2019002；2019003,,,,\r\n" +
        "6,2022003,楊帆,,第二黨小組,預備黨員,2026/1/10,,,,,\r\n" +
        ",,,,,,,,,,,\r\n" +
        ",,,,,,,,,,,\r\n";

    [Theory]
    [InlineData("GB18030")]
    [InlineData("UTF-8 with BOM")]
    public async Task ImportAsync_RosterAsExcelSavesIt_ImportsEveryValueAsMeant(string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] bytes = encoding == "GB18030"
            ? Encoding.GetEncoding("GB18030").GetBytes(ExcelRoster)
            : [0xEF, 0xBB, 0xBF, .. new UTF8Encoding(false).GetBytes(ExcelRoster)];

        var result = await ImportAsync(bytes);

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Empty(result.Warnings);
        Assert.Equal(6, result.Count(RosterChangeKind.Added));
        Assert.Equal(["序号", "備註"], result.IgnoredColumns);
        Assert.Equal([1], result.TitleRows);
        Assert.Equal(["第一黨小組", "第二黨小組"], result.GroupsCreated);
        var members = (await MembersAsync()).ToDictionary(m => m.StudentNumber);
        Assert.Equal(["2019001", "2019002", "2019003", "2022001", "2022002", "2022003"], members.Keys);
        Assert.Equal(("王建國", "wang@branch.example", Roles.Secretary | Roles.GroupLeader), (members["2019001"].Name, members["2019001"].Email, members["2019001"].Roles));
        Assert.Equal(("李紅", "lihong@branch.example", new DateOnly(2021, 6, 1)), (members["2019002"].Name, members["2019002"].Email, members["2019002"].StageSince));
        Assert.Equal((Stage.Full, new DateOnly(2022, 6, 1)), (members["2019003"].Stage, members["2019003"].StageSince));
        Assert.Equal((Stage.Activist, new DateOnly(2026, 3, 5)), (members["2022001"].Stage, members["2022001"].StageSince));
        Assert.Equal([members["2019001"].Id], members["2022001"].Mentors.Select(a => a.MentorId));
        Assert.Equal([members["2019002"].Id, members["2019003"].Id], members["2022002"].Mentors.Select(a => a.MentorId).Order());
        Assert.Equal(new DateOnly(2026, 1, 10), members["2022003"].StageSince);
    }

    [Theory]
    [InlineData("2026-03-05")]
    [InlineData("2026/3/5")]
    [InlineData("2026.3.5")]
    [InlineData("2026年3月5日")]
    [InlineData("2026年03月05日")]
    [InlineData("20260305")]
    [InlineData("2026/3/5 0:00")]
    [InlineData("２０２６－０３－０５")]
    public async Task ImportAsync_StageSinceAsPeopleAndExcelWriteIt_IsReadAsTheSameDay(string written)
    {
        var result = await ImportAsync(new RosterFileBuilder().Set("2022001", "阶段开始日期", written).Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(new DateOnly(2026, 3, 5), (await MembersAsync()).Single(m => m.StudentNumber == "2022001").StageSince);
    }

    [Theory]
    [InlineData("3/5/2026")]
    [InlineData("5.3.2026")]
    [InlineData("46086")]
    public async Task ImportAsync_AmbiguousOrSerialDate_IsRejected(string written)
    {
        var result = await ImportAsync(new RosterFileBuilder().Set("2022001", "阶段开始日期", written).Bytes());

        Assert.Equal([new RosterProblem(5, RosterColumn.StageSince, RosterProblemCode.InvalidDate, written)], result.Problems);
    }

    [Fact]
    public async Task RosterGapQuery_AfterImports_ListsGapsFromTheDatabaseIncludingPeopleNoLongerInTheFile()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Set("2022001", "联系人", "").Set("2022002", "联系人", "2019002").Bytes())).Accepted);
        Assert.True((await ImportAsync(new RosterFileBuilder().Remove("2022001").Set("2022002", "联系人", "2019002").Bytes())).Accepted);

        await using var db = _database.NewContext();
        var gaps = await RosterGapQuery.LoadAsync(db, 10, CancellationToken.None);

        Assert.Equal(2, gaps.Total);
        Assert.Equal(
        [
            new RosterGap("刘洋", "2022001", "第一党小组", Stage.Activist, 0, 1),
            new RosterGap("陈静", "2022002", "第二党小组", Stage.DevelopmentTarget, 1, 2),
        ], gaps.First);
        Assert.Single((await RosterGapQuery.LoadAsync(db, 1, CancellationToken.None)).First);
    }

    [Fact]
    public async Task RosterGapQuery_GapFilledByANewImport_ListsNothing()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Set("2022001", "联系人", "").Bytes())).Accepted);
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);

        await using var db = _database.NewContext();

        Assert.Equal(RosterGaps.None, await RosterGapQuery.LoadAsync(db, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_MentorIsSelf_IsRejected()
    {
        var result = await ImportAsync(new RosterFileBuilder().Set("2022001", "联系人", "2022001").Bytes());

        Assert.Contains(new RosterProblem(5, RosterColumn.Mentors, RosterProblemCode.MentorIsSelf), result.Problems);
        Assert.Empty(await MembersAsync());
    }

    [Fact]
    public async Task ImportAsync_MissingRequiredColumn_IsRejectedOnTheHeaderRow()
    {
        var result = await ImportAsync(new RosterFileBuilder().DropColumn("阶段").Bytes());

        Assert.Equal([new RosterProblem(1, RosterColumn.Stage, RosterProblemCode.MissingColumn)], result.Problems);
    }

    [Fact]
    public async Task ImportAsync_SeveralBadRows_ListsEveryProblemInRowOrder()
    {
        var file = new RosterFileBuilder().Set("2022003", "阶段", "群众").Set("2022001", "阶段开始日期", "昨天").Set("2019002", "邮箱", "bad");

        var result = await ImportAsync(file.Bytes());

        Assert.Equal([3, 5, 7], result.Problems.Select(p => p.Row));
        Assert.Equal([RosterProblemCode.InvalidEmail, RosterProblemCode.InvalidDate, RosterProblemCode.UnknownStage], result.Problems.Select(p => p.Code));
    }

    [Fact]
    public async Task ImportAsync_EmailOfSomeoneNotInTheFile_IsRejected()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);

        var result = await ImportAsync(new RosterFileBuilder().Remove("2022003").Remove("2022001")
            .Add("2023001", "赵敏", "liuyang@branch.example", "第一党小组", "积极分子", "2026-09-01", "2019001", "").Bytes());

        Assert.Equal([new RosterProblem(6, RosterColumn.Email, RosterProblemCode.EmailTakenByExisting, "liuyang@branch.example", "刘洋", "2022001")], result.Problems);
    }

    private async Task<List<StageChange>> StageChangesAsync(string studentNumber)
    {
        await using var db = _database.NewContext();
        var id = await db.Members.Where(m => m.StudentNumber == studentNumber).Select(m => m.Id).SingleAsync();
        return await db.StageChanges.Where(c => c.MemberId == id).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task ImportAsync_NewStage_AddsItToTheHistoryAndReportsThatEarlierDutiesStay()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);

        var result = await ImportAsync(new RosterFileBuilder().Set("2022003", "阶段", "正式党员").Set("2022003", "阶段开始日期", "2026-11-20").Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(new RosterStageChange(Stage.Probationary, new DateOnly(2026, 1, 10), Stage.Full, new DateOnly(2026, 11, 20), false),
            result.Changes.Single(c => c.StudentNumber == "2022003").Stage);
        Assert.Equal(
            [(Stage.Probationary, new DateOnly(2026, 1, 10), StageChangeSource.Import, (DateOnly?)Today), (Stage.Full, new DateOnly(2026, 11, 20), StageChangeSource.Import, Today)],
            (await StageChangesAsync("2022003")).Select(c => (c.Stage, c.Since, c.Source, c.RecordedOn)));
        Assert.Contains("    进入新阶段：预备党员（2026-01-10 起）→ 正式党员（2026-11-20 起），此前应完成的任务照常计入", RosterReport.Render(result));
        Assert.DoesNotContain("correction", RosterReport.Render(result, "en"));
    }

    [Fact]
    public async Task ImportAsync_ChangedDateOfTheSameStage_CorrectsTheHistoryAndSaysSo()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);

        var result = await ImportAsync(new RosterFileBuilder().Set("2022003", "阶段开始日期", "2025-12-01").Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        var change = result.Changes.Single(c => c.StudentNumber == "2022003");
        Assert.Equal([RosterColumn.StageSince], change.Fields);
        Assert.Equal(new RosterStageChange(Stage.Probationary, new DateOnly(2026, 1, 10), Stage.Probationary, new DateOnly(2025, 12, 1), true), change.Stage);
        Assert.Equal([StageChangeSource.Import, StageChangeSource.Correction], (await StageChangesAsync("2022003")).Select(c => c.Source));
        Assert.Equal(new DateOnly(2025, 12, 1), (await MembersAsync()).Single(m => m.StudentNumber == "2022003").StageSince);
        var en = RosterReport.Render(result, "en");
        Assert.Contains("    stage history corrected: Probationary since 2026-01-10 is now Probationary since 2025-12-01", en);
        Assert.Contains("1 correction(s) of the stage history: what was owed and the yearly figures follow the corrected dates.", en);
        Assert.Contains("其中 1 人的阶段历史被更正", RosterReport.Render(result));
    }

    [Fact]
    public async Task ImportAsync_CorrectedFileAgain_UpdatesInPlaceAndReportsWhatChanged()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        var idsBefore = (await MembersAsync()).ToDictionary(m => m.StudentNumber, m => m.Id);
        var corrected = new RosterFileBuilder()
            .Set("2022001", "姓名", "刘阳").Set("2022001", "小组", "第二党小组").Set("2022001", "联系人", "2019003")
            .Set("2022003", "阶段", "正式党员").Set("2022003", "阶段开始日期", "2026-11-20")
            .Remove("2019002").Set("2022002", "联系人", "2019001;2019003")
            .Add("2023001", "赵敏", "zhaomin@branch.example", "第三党小组", "积极分子", "2026-09-01", "2019001", "");

        var result = await ImportAsync(corrected.Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        var changes = result.Changes.ToDictionary(c => c.StudentNumber);
        Assert.Equal([RosterColumn.Name, RosterColumn.Group, RosterColumn.Mentors], changes["2022001"].Fields);
        Assert.Equal([RosterColumn.Stage, RosterColumn.StageSince], changes["2022003"].Fields);
        Assert.Equal([RosterColumn.Mentors], changes["2022002"].Fields);
        Assert.Equal(RosterChangeKind.Unchanged, changes["2019001"].Kind);
        Assert.Equal(RosterChangeKind.Added, changes["2023001"].Kind);
        Assert.Equal([new RosterPerson("2019002", "李红")], result.NotInFile);
        Assert.Equal(["第三党小组"], result.GroupsCreated);
        Assert.Null(result.TrackingStartsOnSet);
        var after = await MembersAsync();
        Assert.Equal(RosterFileBuilder.People + 1, after.Count);
        Assert.Equal(idsBefore["2022001"], after.Single(m => m.Name == "刘阳").Id);
        Assert.Equal([idsBefore["2019003"]], after.Single(m => m.StudentNumber == "2022001").Mentors.Select(a => a.MentorId));
    }

    [Fact]
    public async Task ImportAsync_FileWithoutOptionalColumns_KeepsStoredEmailsOfficesAndMentors()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Bytes())).Accepted);
        var file = new RosterFileBuilder().DropColumn("邮箱").DropColumn("职务").DropColumn("联系人")
            .Add("2023001", "赵敏", "第一党小组", "积极分子", "2026-09-01");

        var result = await ImportAsync(file.Bytes());

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal([RosterColumn.Email, RosterColumn.Mentors, RosterColumn.Roles], result.ColumnsKept);
        Assert.Equal(RosterFileBuilder.People, result.Count(RosterChangeKind.Unchanged));
        Assert.Equal([new RosterProblem(8, RosterColumn.Mentors, RosterProblemCode.TooFewMentors, "Activist", "1", "0")], result.Warnings);
        Assert.Contains("文件中没有“邮箱”“联系人”“职务”列：已在名单中的人保留原有信息。", RosterReport.Render(result));
        var members = await MembersAsync();
        Assert.Equal(Roles.Secretary | Roles.GroupLeader, members.Single(m => m.StudentNumber == "2019001").Roles);
        Assert.Equal("chenjing@branch.example", members.Single(m => m.StudentNumber == "2022002").Email);
        Assert.Equal(2, members.Single(m => m.StudentNumber == "2022002").Mentors.Count);
        Assert.Null(members.Single(m => m.StudentNumber == "2023001").Email);
    }

    [Fact]
    public async Task ExportAsync_ThenImport_ReportsNoChanges()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Set("2019002", "姓名", "李\"红\", 二班").Bytes())).Accepted);
        byte[] exported;
        await using (var db = _database.NewContext()) exported = await new RosterExport(db).ExportAsync(CancellationToken.None);

        var result = await ImportAsync(exported);

        Assert.Equal([0xEF, 0xBB, 0xBF], exported[..3]);
        Assert.StartsWith("学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务,毕业日期\r\n", Encoding.UTF8.GetString(exported[3..]));
        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(RosterFileBuilder.People, result.Count(RosterChangeKind.Unchanged));
        Assert.Empty(result.NotInFile);
    }

    [Fact]
    public async Task ExportAsync_AFormulaLikeName_IsWrittenWithAnApostropheAndImportsBackUnchanged()
    {
        Assert.True((await ImportAsync(new RosterFileBuilder().Set("2019002", "姓名", "=HYPERLINK(\"http://x\",\"李红\")").Bytes())).Accepted);
        byte[] exported;
        await using (var db = _database.NewContext()) exported = await new RosterExport(db).ExportAsync(CancellationToken.None);

        var result = await ImportAsync(exported);

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"李红\"\")\"", Encoding.UTF8.GetString(exported[3..]));
        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(RosterFileBuilder.People, result.Count(RosterChangeKind.Unchanged));
        Assert.Equal("=HYPERLINK(\"http://x\",\"李红\")", (await MembersAsync()).Single(m => m.StudentNumber == "2019002").Name);
    }
}
