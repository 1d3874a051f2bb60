using System.Data.Common;
using System.Globalization;
using BranchBot.Bot.Features.Calendar;
using BranchBot.Bot.Features.Dues;
using BranchBot.Bot.Features.Roster;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Cli;

// Administrative commands run through the same host configuration as the bot:
//   roster import <file> [--lang en]   roster export <file>   demo [--lang en]   demo playground <role> <file>
//   db migrate                         db script <file> [--provider SqlServer|Postgres|Sqlite]
//   stats <year> [--lang en]           jobs list / jobs run <job-id> [--as-of <local time>]
//   calendar import <file>             calendar export <file>
//   dues import <file> --by <student number>
// No arguments, or only host arguments (--urls ..., --environment=..., Branch:Name=...), run the web host;
// help prints the usage; anything else is a mistake and prints the usage too, so a typo never starts a server.
public static class Cli
{
    private const int Ok = 0, Failed = 1, Usage = 2;
    private const int DemoSeed = 2017;

    private static readonly string[] Commands = ["roster", "demo", "db", "stats", "jobs", "export", "calendar", "dues"];
    private static readonly string[] HelpSwitches = ["--help", "-h", "-?", "/?"];

    private const string Help = """
        Usage: dotnet run --project Bot -- <command>   or   dotnet BranchBot.Bot.dll <command>
          (no command)                           run the bot (host options allowed: --urls http://127.0.0.1:3978, --environment ...)
          help                                   print this usage
          roster import <file.csv> [--lang en]   import the roster (all or nothing); a file.xlsx: its first sheet
          roster export <file.csv>               write the roster as CSV (UTF-8 with BOM); a file.xlsx: as a workbook
          demo [--lang en]                       load a demo branch into an empty database
          demo playground <role> <file.yml>      Agents Playground users for scripts/try-it.sh (leader, student, mentor or secretary)
          db migrate                             apply migrations to the configured database
          db script <file.sql> [--provider SqlServer|Postgres|Sqlite]   write the idempotent migration script
          stats <year> [--lang en]               the branch's yearly figures (reports, talks, people per stage)
          jobs list                              the recurring reminder jobs
          export yearly <year> <file.xlsx|file.csv> [--lang en]   the yearly figures: a sheet for the branch, one per group with its people
          jobs run <job-id> [--as-of 2026-11-27T09:00]   run a job now, as of a branch-local time
          calendar import <file.csv>             the academic calendar (semesters, vacations, exam weeks) and people's leave (all or nothing)
          calendar export <file.csv>             write the academic calendar and the leave in the import's form
          dues import <file.csv> --by <number>   Party dues: monthly amounts (student_number,amount,from_month), set by that committee member (all or nothing)
        """;

    /// <summary>
    /// For a command (not the web host): the console logger writes to stderr and only warnings and errors, so the
    /// command's own output stays readable and pipeable. Inserted first, so that any Logging:Console:* setting wins.
    /// </summary>
    public static void QuietConsoleLogging(string[] args, IConfigurationBuilder configuration)
    {
        if (IsHostOnly(args)) return;
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:Console:LogLevel:Default"] = nameof(LogLevel.Warning),
                ["Logging:Console:LogToStandardErrorThreshold"] = nameof(LogLevel.Trace),
            },
        });
    }

    public static Task<int?> TryRunAsync(string[] args, IServiceProvider services, CancellationToken ct) =>
        TryRunAsync(args, services, Console.Out, Console.Error, ct);

    public static async Task<int?> TryRunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (IsHostOnly(args)) return null;
        if (args[0] == "help" || args.Any(IsHelpSwitch))
        {
            // Asked for, so it is the answer, not an error: stdout and exit 0, as `dotnet --help` and `git --help` do.
            await output.WriteLineAsync(Help);
            return Ok;
        }
        if (!Commands.Contains(args[0], StringComparer.Ordinal))
        {
            await error.WriteLineAsync($"'{args[0]}' is not a command.");
            return await UsageAsync(error);
        }
        if (await BranchBot.Bot.Reminders.ReminderCli.TryRunAsync(args, services, output, ct) is { } jobs) return jobs;
        var language = Option(args, "--lang") ?? "zh-CN";
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
        try
        {
            return positional switch
            {
                ["roster", "import", var file] => await ImportAsync(services, file, language, output, error, ct),
                ["roster", "export", var file] => await ExportAsync(services, file, output, ct),
                ["demo"] => await DemoAsync(services, language, output, error, ct),
                ["demo", "playground", var role, var file] when PlaygroundConfig.Roles.Contains(role) => await PlaygroundAsync(services, role, file, output, error, ct),
                ["db", "migrate"] => await MigrateAsync(services, output, ct),
                ["db", "script", var file] => await ScriptAsync(file, Option(args, "--provider"), output, error, ct),
                ["stats", var year] when int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2200
                    => await StatsAsync(services, y, language, output, ct),
                // The yearly export (Features/Export).
                ["export", "yearly", var year, var file] when int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2200
                    && (file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    => await ExportYearlyAsync(services, y, file, language, output, ct),
                // The academic calendar (Features/Calendar).
                ["calendar", "import", var file] => await CalendarImportAsync(services, file, output, error, ct),
                ["calendar", "export", var file] => await CalendarExportAsync(services, file, output, ct),
                // Party dues (Features/Dues).
                ["dues", "import", var file] when Option(args, "--by") is { Length: > 0 } by => await DuesImportAsync(services, file, by, output, error, ct),
                _ => await UsageAsync(error),
            };
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or OptionsValidationException)
        {
            await error.WriteLineAsync(e.Message);
            return Failed;
        }
    }

    private static async Task<int> CalendarImportAsync(IServiceProvider services, string file, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var result = await new CalendarFile(scope.ServiceProvider.GetRequiredService<BranchDbContext>(),
            scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).ImportAsync(bytes, ct);
        if (!result.Accepted)
        {
            await error.WriteLineAsync("Nothing imported:");
            foreach (var problem in result.Problems) await error.WriteLineAsync("  " + problem);
            return Failed;
        }
        await output.WriteLineAsync($"Imported {result.Spans} calendar spans and {result.Leaves} leaves.");
        return Ok;
    }

    private static async Task<int> DuesImportAsync(IServiceProvider services, string file, string by, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var result = await new DuesFile(scope.ServiceProvider.GetRequiredService<BranchDbContext>(),
            scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).ImportAsync(bytes, by, ct);
        if (!result.Accepted)
        {
            await error.WriteLineAsync("Nothing imported:");
            foreach (var problem in result.Problems) await error.WriteLineAsync("  " + problem);
            return Failed;
        }
        await output.WriteLineAsync($"Set {result.Rates} monthly dues amounts.");
        return Ok;
    }

    private static async Task<int> CalendarExportAsync(IServiceProvider services, string file, TextWriter output, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var bytes = await new CalendarFile(scope.ServiceProvider.GetRequiredService<BranchDbContext>(), TimeProvider.System).ExportAsync(ct);
        await File.WriteAllBytesAsync(file, bytes, ct);
        await output.WriteLineAsync($"Wrote {file}.");
        return Ok;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string file, string language, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var branch = scope.ServiceProvider.GetRequiredService<IOptions<BranchOptions>>().Value;
        var today = branch.Today(scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
        var result = await new RosterImport(scope.ServiceProvider.GetRequiredService<BranchDbContext>()).ImportAsync(bytes, today, ct);
        await (result.Accepted ? output : error).WriteAsync(RosterReport.Render(result, language, branch.TrackingStartsOn));
        return result.Accepted ? Ok : Failed;
    }

    /// <summary>What the committee reports upward each year, in the seed's own terms.</summary>
    private static async Task<int> StatsAsync(IServiceProvider services, int year, string language, TextWriter output, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        var branch = await db.LoadBranchAsync(scope.ServiceProvider.GetRequiredService<IOptions<BranchOptions>>().Value,
            scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System, ct);
        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync(ct);
        var policy = (await db.ReadBranchSettingAsync(ct)).Policy;
        // The year's periods, and the year before: a report of last December handed in this January counts this year.
        var facts = await new FactReader(db).ForBranchAsync(policy, new DateOnly(year - 1, 1, 1), new DateOnly(year, 12, 31), ct);
        var t = YearlyTotals.Compute(branch, members, facts, year);
        var now = (scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var duties = new ObligationSchedule(branch, policy, members, facts).CompletionOfYear(members, year, now);
        int Stage(IReadOnlyDictionary<Stage, int> counts, Stage stage) => counts.TryGetValue(stage, out var n) ? n : 0;
        var text = language.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? $"""
              {branch.Name}, {t.Year}
              Reports received: {t.ReportsReceived} ({t.ThoughtReports} thought reports, {t.BranchReports} reports to the branch; {t.ReportsByProbationaryMembers} by probationary members)
              Talks held: {t.TalksHeld} ({t.TalksWithActivists} with {t.ActivistsTalkedWith} activists; {t.TalksAtDevelopmentStage} at the development stage; {t.TalksConfirmed} confirmed by the mentee, {t.TalksUnconfirmed} unconfirmed, {t.TalksDisputed} disputed)
              Evaluations: {t.Evaluations}
              Duties owed for {t.Year}: {duties.Owed} ({duties.Done} on time, {duties.DoneLate} late, {duties.Excused} excused, {duties.Overdue} overdue, {duties.Missed} missed, {duties.Open} still open)
              On the roll: {Stage(t.PeoplePerStage, Domain.Stage.Activist)} activists, {Stage(t.PeoplePerStage, Domain.Stage.DevelopmentTarget)} development targets, {Stage(t.PeoplePerStage, Domain.Stage.Probationary)} probationary members, {Stage(t.PeoplePerStage, Domain.Stage.Full)} full members
              Entered a stage in {t.Year}: {Stage(t.EnteredStageInYear, Domain.Stage.Activist)} activists filed, {Stage(t.EnteredStageInYear, Domain.Stage.DevelopmentTarget)} development targets, {Stage(t.EnteredStageInYear, Domain.Stage.Probationary)} new members, {Stage(t.EnteredStageInYear, Domain.Stage.Full)} converted
              """
            : $"""
              {branch.Name} {t.Year} 年统计
              收到汇报 {t.ReportsReceived} 份（思想汇报 {t.ThoughtReports} 份，向支部的书面汇报 {t.BranchReports} 份；其中预备党员 {t.ReportsByProbationaryMembers} 份）
              谈心谈话 {t.TalksHeld} 次（与 {t.ActivistsTalkedWith} 名积极分子谈话 {t.TalksWithActivists} 次；发展阶段谈话 {t.TalksAtDevelopmentStage} 次；本人已确认 {t.TalksConfirmed} 次，未确认 {t.TalksUnconfirmed} 次，有异议 {t.TalksDisputed} 次）
              考察鉴定 {t.Evaluations} 份
              本年应完成 {duties.Owed} 项（按时 {duties.Done}，逾期完成 {duties.DoneLate}，免除 {duties.Excused}，逾期 {duties.Overdue}，已截止未交 {duties.Missed}，待完成 {duties.Open}）
              在册：积极分子 {Stage(t.PeoplePerStage, Domain.Stage.Activist)} 人，发展对象 {Stage(t.PeoplePerStage, Domain.Stage.DevelopmentTarget)} 人，预备党员 {Stage(t.PeoplePerStage, Domain.Stage.Probationary)} 人，正式党员 {Stage(t.PeoplePerStage, Domain.Stage.Full)} 人
              本年进入新阶段：新确定积极分子 {Stage(t.EnteredStageInYear, Domain.Stage.Activist)} 人，发展对象 {Stage(t.EnteredStageInYear, Domain.Stage.DevelopmentTarget)} 人，新发展党员 {Stage(t.EnteredStageInYear, Domain.Stage.Probationary)} 人，按期转正 {Stage(t.EnteredStageInYear, Domain.Stage.Full)} 人
              """;
        await output.WriteLineAsync(text);
        return Ok;
    }

    private static async Task<int> ExportYearlyAsync(IServiceProvider services, int year, string file, string language, TextWriter output, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        var branch = await db.LoadBranchAsync(scope.ServiceProvider.GetRequiredService<IOptions<BranchOptions>>().Value,
            scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System, ct);
        var lang = Localization.LanguageResolver.FromLocale(language) ?? Localization.Language.ZhCn;
        var format = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Features.Export.ExportFormat.Csv : Features.Export.ExportFormat.Xlsx;
        var now = (scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var bytes = await new Features.Export.YearlyExport(db, branch, now).BuildAsync(year, lang, groupId: null, format, ct);
        await File.WriteAllBytesAsync(file, bytes, ct);
        await output.WriteLineAsync(Path.GetFullPath(file));
        return Ok;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string file, TextWriter output, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var export = new RosterExport(scope.ServiceProvider.GetRequiredService<BranchDbContext>());
        var bytes = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? await export.ExportXlsxAsync(ct) : await export.ExportAsync(ct);
        await File.WriteAllBytesAsync(file, bytes, ct);
        await output.WriteLineAsync($"{Path.GetFullPath(file)}");
        return Ok;
    }

    private static async Task<int> DemoAsync(IServiceProvider services, string language, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var branch = scope.ServiceProvider.GetRequiredService<IOptions<BranchOptions>>().Value;
        var now = (scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var demo = new DemoBranch(scope.ServiceProvider.GetRequiredService<BranchDbContext>());
        var result = await demo.LoadAsync(branch.ResolveTimeZone(), now, DemoSeed, ct);
        if (!result.Roster.Accepted)
        {
            await error.WriteAsync(RosterReport.Render(result.Roster, language));
            return Failed;
        }
        var en = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        await output.WriteLineAsync(en
            ? $"Demo branch loaded: {Count(result.Roster.Changes.Count, "person", "people")} in {Count(result.Roster.GroupsCreated.Count, "group")}; {Count(result.Submissions, "report")}, {Count(result.Talks, "talk")}, {Count(result.Excuses, "excuse")}, {Count(result.Extensions, "extension")}, {Count(result.Evaluations, "evaluation")}."
            : $"演示支部已载入：{result.Roster.GroupsCreated.Count} 个小组共 {result.Roster.Changes.Count} 人；思想汇报 {result.Submissions} 份，谈话 {result.Talks} 次，免交 {result.Excuses} 次，延期申请 {result.Extensions} 次，考察鉴定 {result.Evaluations} 份。");
        return Ok;
    }

    private static async Task<int> PlaygroundAsync(IServiceProvider services, string role, string file, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var people = await PlaygroundConfig.PeopleAsync(scope.ServiceProvider.GetRequiredService<BranchDbContext>(), ct);
        if (people is null)
        {
            await error.WriteLineAsync("No group has a leader, a secretary and an activist with another mentor as four different people. Load the demo branch first (demo).");
            return Failed;
        }
        await File.WriteAllTextAsync(file, PlaygroundConfig.Yaml(people, role), ct);
        await output.WriteLineAsync(PlaygroundConfig.Describe(people, role));
        return Ok;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var applied = await services.ApplyMigrationsAsync(ct);
        await output.WriteLineAsync($"{provider}: {applied} migration(s) applied.");
        return Ok;
    }

    private static async Task<int> ScriptAsync(string file, string? providerName, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var provider = DatabaseProvider.SqlServer;
        if (providerName is not null && !Enum.TryParse(providerName, ignoreCase: true, out provider))
        {
            await error.WriteLineAsync($"--provider must be SqlServer, Postgres or Sqlite, not '{providerName}'.");
            return Usage;
        }
        await File.WriteAllTextAsync(file, BranchBot.Infrastructure.DependencyInjection.GenerateMigrationScript(provider), ct);
        await output.WriteLineAsync($"{provider} migration script written to {Path.GetFullPath(file)}");
        return Ok;
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(Help);
        return Usage;
    }

    /// <summary>
    /// True when every argument is one the web host reads as configuration: <c>--key value</c>, <c>--key=value</c>
    /// or <c>key=value</c> (how WebApplicationFactory and <c>dotnet run -- --urls ...</c> pass them).
    /// </summary>
    internal static bool IsHostOnly(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (IsHelpSwitch(arg)) return false;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                if (!arg.Contains('=', StringComparison.Ordinal)) i++;
                continue;
            }
            if (arg.IndexOf('=', StringComparison.Ordinal) > 0 && !arg.StartsWith('-')) continue;
            return false;
        }
        return true;
    }

    private static string Count(int n, string one, string? other = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : other ?? one + "s")}");

    private static bool IsHelpSwitch(string arg) => HelpSwitches.Contains(arg, StringComparer.OrdinalIgnoreCase);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
