using System.Text;
using BranchBot.Bot.Features.Roster;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Features.Roster;

public class DemoBranchTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<DemoLoadResult> LoadAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await new DemoBranch(db).LoadAsync(Shanghai, Now, seed: 2017, CancellationToken.None);
    }

    [Fact]
    public async Task LoadAsync_EmptyDatabase_LoadsSixtyPeopleInFiveGroupsWithHistory()
    {
        var result = await LoadAsync(_database);

        Assert.True(result.Roster.Accepted, RosterReport.Render(result.Roster, "en"));
        await using var db = _database.NewContext();
        var members = await db.Members.ToListAsync();
        Assert.Equal(60, members.Count);
        Assert.Equal(5, await db.Groups.CountAsync());
        Assert.All(members.GroupBy(m => m.GroupId), g => Assert.Single(g, m => m.IsGroupLeader));
        Assert.Single(members, m => m.Roles.HasFlag(Roles.Secretary));
        Assert.Equal([Stage.Activist, Stage.DevelopmentTarget, Stage.Probationary, Stage.Full], members.Select(m => m.Stage).Distinct().Order());
        Assert.Equal(new DateOnly(2026, 8, 1), (await db.BranchSettings.SingleAsync()).TrackingStartsOn);
        Assert.True(await db.Submissions.CountAsync() > 100);
        Assert.True(await db.Talks.CountAsync() > 50);
        Assert.Equal(1, await db.Excuses.CountAsync());
        Assert.Equal(2, await db.Extensions.CountAsync());
        Assert.True(await db.Submissions.AnyAsync(s => s.Version == 2));
        Assert.All(await db.Submissions.Select(s => s.SubmittedAt).ToListAsync(), at => Assert.True(at <= Now));
    }

    [Fact]
    public async Task LoadAsync_SameSeedAndInstant_GivesTheSameBranch()
    {
        using var other = new TestDatabase();
        await LoadAsync(_database);
        await LoadAsync(other);

        Assert.Equal(await ExportAsync(_database), await ExportAsync(other));
    }

    [Fact]
    public async Task LoadAsync_ThenExportAndImport_ReportsNoChanges()
    {
        await LoadAsync(_database);
        await using var db = _database.NewContext();

        var result = await new RosterImport(db).ImportAsync(await ExportAsync(_database), new DateOnly(2026, 11, 26), CancellationToken.None);

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(60, result.Count(RosterChangeKind.Unchanged));
    }

    [Fact]
    public async Task LoadAsync_DatabaseWithPeople_IsRefused()
    {
        await LoadAsync(_database);

        var again = await LoadAsync(_database);

        Assert.Equal([new RosterProblem(0, null, RosterProblemCode.NotEmptyForDemo, "60")], again.Roster.Problems);
    }

    [Fact]
    public async Task Import_DemoProbationaryMembersConverted_KeepsTheYearsFiguresOfTheirProbation()
    {
        await LoadAsync(_database);
        var before = await FiguresAsync(_database);
        // The issue's demo (its own date, counted by current stage) gave 39 and 10. Here reports handed in before a
        // person's probation began (the demo writes some in the partial first month) count at the stage before it.
        Assert.Equal((35, 10, 0), (before.Totals.ReportsByProbationaryMembers, before.Totals.EnteredStageInYear[Stage.Probationary], before.Totals.EnteredStageInYear[Stage.Full]));

        var converted = System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(await ExportAsync(_database)), @",预备党员,\d{4}-\d{2}-\d{2},", ",正式党员,2026-11-26,");
        RosterImportResult result;
        await using (var db = _database.NewContext())
            result = await new RosterImport(db).ImportAsync(Encoding.UTF8.GetBytes(converted), new DateOnly(2026, 11, 26), CancellationToken.None);
        var after = await FiguresAsync(_database);

        Assert.True(result.Accepted, RosterReport.Render(result, "en"));
        Assert.Equal(10, result.Changes.Count(c => c.Stage is { From: Stage.Probationary, To: Stage.Full, IsCorrection: false }));
        Assert.Equal((0, 25), (after.Totals.PeoplePerStage[Stage.Probationary], after.Totals.PeoplePerStage[Stage.Full]));
        Assert.Equal(before.Totals.ReportsByProbationaryMembers, after.Totals.ReportsByProbationaryMembers);
        Assert.Equal(before.Totals.EnteredStageInYear[Stage.Probationary], after.Totals.EnteredStageInYear[Stage.Probationary]);
        Assert.Equal(10, after.Totals.EnteredStageInYear[Stage.Full]);
        // What they owed as probationary members stays owed and counted; only December, begun after the conversion, is not.
        Assert.Equal((before.Duties.Done, before.Duties.DoneLate, before.Duties.Excused, before.Duties.Overdue, before.Duties.Missed),
            (after.Duties.Done, after.Duties.DoneLate, after.Duties.Excused, after.Duties.Overdue, after.Duties.Missed));
        Assert.Equal((before.Duties.Owed - 10, before.Duties.Open - 10), (after.Duties.Owed, after.Duties.Open));
    }

    private static async Task<(YearlyTotals Totals, GroupCompletion Duties)> FiguresAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var branch = new Branch("演示支部", Shanghai, (await db.BranchSettings.SingleAsync()).TrackingStartsOn!.Value);
        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync();
        // The year and the one before, as the stats command reads them.
        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31), CancellationToken.None);
        var duties = new ObligationSchedule(branch, Policy.Default, members, facts).CompletionOfYear(members, 2026, Now);
        return (YearlyTotals.Compute(branch, members, facts, 2026), duties);
    }

    private static async Task<byte[]> ExportAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await new RosterExport(db).ExportAsync(CancellationToken.None);
    }
}

public class RosterReportTests
{
    [Fact]
    public void Render_Rejection_NamesRowColumnAndReasonInChineseByDefaultAndInEnglish()
    {
        var result = RosterImportResult.Rejected(
        [
            new RosterProblem(5, RosterColumn.Mentors, RosterProblemCode.TooManyMentors, "Activist", "2", "3"),
            new RosterProblem(1, RosterColumn.Stage, RosterProblemCode.MissingColumn),
        ]);

        var zh = RosterReport.Render(result);
        var en = RosterReport.Render(result, "en");

        Assert.Equal("""
            名单未导入：发现 2 个问题，数据库未作任何修改。
              第 1 行，阶段：缺少这一必填列。
              第 5 行，联系人：积极分子最多 2 名联系人，实有 3 名。

            """.ReplaceLineEndings(), zh);
        Assert.Contains("Row 5, Mentors: Activist has at most 2 mentor(s), not 3.", en);
    }
}

public class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    private ServiceProvider Services(string? trackingStartsOn = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:DataDirectory"] = Path.Combine(_folder, "data"),
                ["Branch:TrackingStartsOn"] = trackingStartsOn,
            })
            .Build();
        return new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
    }

    private async Task<(int? Code, string Output, string Error)> RunAsync(ServiceProvider services, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Cli.Cli.TryRunAsync(args, services, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5000")]
    public async Task TryRunAsync_NotACommand_ReturnsNullSoTheHostRuns(params string[] args)
    {
        await using var services = Services();

        Assert.Null((await RunAsync(services, args)).Code);
    }

    [Fact]
    public async Task TryRunAsync_RosterImportThenExport_ExitsZeroAndWritesTheFile()
    {
        await using var services = Services();
        var input = Path.Combine(_folder, "roster.csv");
        var output = Path.Combine(_folder, "out.csv");
        await File.WriteAllBytesAsync(input, new RosterFileBuilder().Bytes(bom: true));

        var import = await RunAsync(services, "roster", "import", input);
        var export = await RunAsync(services, "roster", "export", output);

        Assert.Equal(0, import.Code);
        Assert.Contains("新增 6 人", import.Output);
        Assert.Equal(0, export.Code);
        Assert.Contains("王建国", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(output)));
        Assert.True(File.Exists(Path.Combine(_folder, "data", "branchbot.db")));
    }

    [Fact]
    public async Task TryRunAsync_RosterImportWithoutConfiguredStart_PrintsTheFirstImportDayThenAndLater()
    {
        await using var services = Services();
        var input = Path.Combine(_folder, "roster.csv");
        await File.WriteAllBytesAsync(input, new RosterFileBuilder().Bytes());

        var first = await RunAsync(services, "roster", "import", input);
        _time.Advance(TimeSpan.FromDays(5));
        var second = await RunAsync(services, "roster", "import", input, "--lang", "en");

        Assert.Contains("自 2026-11-26（首次导入之日）起开始统计，此前的任务不计。", first.Output);
        Assert.Contains("Tracking started on 2026-11-26, the date stored in the database: nothing before is owed.", second.Output);
    }

    [Fact]
    public async Task TryRunAsync_RosterImportWithConfiguredStart_PrintsTheConfiguredDate()
    {
        await using var services = Services(trackingStartsOn: "2026-09-01");
        var input = Path.Combine(_folder, "roster.csv");
        await File.WriteAllBytesAsync(input, new RosterFileBuilder().Bytes());

        var (code, output, _) = await RunAsync(services, "roster", "import", input);

        Assert.Equal(0, code);
        Assert.Contains("自 2026-09-01 起开始统计（配置项 Branch:TrackingStartsOn），此前的任务不计。", output);
        Assert.DoesNotContain("2026-11-26", output);
    }

    [Fact]
    public async Task TryRunAsync_RosterWithAGap_ExitsZeroAndPrintsTheWarning()
    {
        await using var services = Services();
        var input = Path.Combine(_folder, "roster.csv");
        await File.WriteAllBytesAsync(input, new RosterFileBuilder().Set("2022001", "联系人", "").Bytes());

        var (code, output, _) = await RunAsync(services, "roster", "import", input);

        Assert.Equal(0, code);
        Assert.Contains("新增 6 人", output);
        Assert.Contains("第 5 行，联系人：积极分子应有 1 名培养联系人，实有 0 名。", output);
    }

    [Fact]
    public async Task TryRunAsync_RejectedRoster_ExitsNonZeroWithTheReportInEnglishWhenAsked()
    {
        await using var services = Services();
        var input = Path.Combine(_folder, "roster.csv");
        await File.WriteAllBytesAsync(input, new RosterFileBuilder().Set("2022001", "阶段", "党员").Bytes());

        var (code, _, error) = await RunAsync(services, "roster", "import", input, "--lang", "en");

        Assert.Equal(1, code);
        Assert.Contains("Row 5, Stage: Unknown stage \"党员\"", error);
    }

    [Fact]
    public async Task TryRunAsync_Demo_LoadsTheBranch()
    {
        await using var services = Services();

        var (code, output, _) = await RunAsync(services, "demo");

        Assert.Equal(0, code);
        Assert.StartsWith("演示支部已载入：5 个小组共 60 人", output);
    }

    [Fact]
    public async Task TryRunAsync_StatsAfterDemo_PrintsTheYearsFiguresFromTheDatabase()
    {
        await using var services = Services();
        await RunAsync(services, "demo");

        var (code, output, _) = await RunAsync(services, "stats", "2026");

        Assert.Equal(0, code);
        Assert.Contains("在册：积极分子", output);
        Assert.Matches(@"收到汇报 [1-9]\d* 份", output);
        Assert.Matches(@"谈心谈话 [1-9]\d* 次", output);
        Assert.Matches(@"本年应完成 [1-9]\d* 项（.*已截止未交 \d+", output);
        var (_, english, _) = await RunAsync(services, "stats", "2026", "--lang", "en");
        Assert.Contains("On the roll:", english);
    }

    [Fact]
    public async Task TryRunAsync_StatsWithFactsAtTheYearsEdges_CountsByWhenTheyHappened()
    {
        await using var services = Services();
        await RunAsync(services, "demo");
        var (_, before, _) = await RunAsync(services, "stats", "2026");
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BranchBot.Infrastructure.Persistence.BranchDbContext>();
            var member = await db.Members.Include(m => m.Mentors).FirstAsync(m => m.Stage == Stage.Activist && m.Mentors.Count > 0);
            var cst = TimeSpan.FromHours(8);
            // Last December's report handed in on New Year's Day counts for 2026; a talk held on 31 December does not.
            db.Submissions.Add(new Submission(member.Id, ObligationKind.ThoughtReport, Period.Parse("2025-12"), "思想汇报", new DateTimeOffset(2026, 1, 1, 9, 0, 0, cst), 1, null));
            db.Talks.Add(new Talk(member.Mentors[0].MentorId, member.Id, new DateOnly(2025, 12, 31), TalkMode.InPerson, "近况", "交流", null, new DateTimeOffset(2026, 1, 2, 9, 0, 0, cst), null));
            await db.SaveChangesAsync();
        }

        var (_, after, _) = await RunAsync(services, "stats", "2026");

        Assert.Equal(Count(before, @"收到汇报 (\d+) 份") + 1, Count(after, @"收到汇报 (\d+) 份"));
        Assert.Equal(Count(before, @"谈心谈话 (\d+) 次"), Count(after, @"谈心谈话 (\d+) 次"));
        Assert.Equal(Count(before, @"本年应完成 (\d+) 项"), Count(after, @"本年应完成 (\d+) 项"));
        static int Count(string text, string pattern) => int.Parse(System.Text.RegularExpressions.Regex.Match(text, pattern).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task TryRunAsync_StatsAfterConvertingTheDemosProbationaryMembers_CountsTheirProbationYearUnchanged()
    {
        await using var services = Services();
        await RunAsync(services, "demo");
        var file = Path.Combine(_folder, "roster.csv");
        await RunAsync(services, "roster", "export", file);
        var (_, before, _) = await RunAsync(services, "stats", "2026");

        var roster = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(file), @",预备党员,\d{4}-\d{2}-\d{2},", ",正式党员,2026-11-26,");
        await File.WriteAllTextAsync(file, roster);
        var (code, report, _) = await RunAsync(services, "roster", "import", file);
        var (_, after, _) = await RunAsync(services, "stats", "2026");

        Assert.Equal(0, code);
        Assert.Contains("更新 10 人", report);
        string Figure(string output, string pattern) => System.Text.RegularExpressions.Regex.Match(output, pattern).Groups[1].Value;
        Assert.Equal(("35", "10", "0"), (Figure(before, @"其中预备党员 (\d+) 份"), Figure(before, @"新发展党员 (\d+) 人"), Figure(before, @"按期转正 (\d+) 人")));
        Assert.Equal(("35", "10", "10"), (Figure(after, @"其中预备党员 (\d+) 份"), Figure(after, @"新发展党员 (\d+) 人"), Figure(after, @"按期转正 (\d+) 人")));
        Assert.Contains("预备党员 0 人，正式党员 25 人", after);
    }

    [Fact]
    public async Task TryRunAsync_DbScript_WritesTheIdempotentSqlServerScript()
    {
        await using var services = Services();
        var file = Path.Combine(_folder, "migrate.sql");

        var (code, _, _) = await RunAsync(services, "db", "script", file);

        Assert.Equal(0, code);
        Assert.Contains("CREATE TABLE [Members]", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task TryRunAsync_DbMigrateTwiceOnSqlite_AppliesTheMigrationsOnce()
    {
        await using var services = Services();

        var first = await RunAsync(services, "db", "migrate");
        var second = await RunAsync(services, "db", "migrate");

        Assert.Equal((0, 0), (first.Code, second.Code));
        Assert.DoesNotContain("Sqlite: 0 migration(s)", first.Output);
        Assert.Equal("Sqlite: 0 migration(s) applied.", second.Output.Trim());
        Assert.Equal(new DatabaseHealth("Sqlite", true, 0), await services.CheckDatabaseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryRunAsync_UnknownSubcommand_PrintsUsageAndExitsTwo()
    {
        await using var services = Services();

        var (code, _, error) = await RunAsync(services, "roster", "delete");

        Assert.Equal(2, code);
        Assert.Contains("roster import", error);
    }
}
