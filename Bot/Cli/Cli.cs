using System.Data.Common;
using BranchBot.Bot.Roster;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Cli;

// Administrative commands run through the same host configuration as the bot:
//   roster import <file> [--lang en]   roster export <file>   demo [--lang en]
//   db migrate                         db script <file> [--provider SqlServer|Sqlite]
// Anything else is not a command, and the web host runs.
public static class Cli
{
    private const int Ok = 0, Failed = 1, Usage = 2;
    private const int DemoSeed = 2017;

    private const string Help = """
        Usage:
          roster import <file.csv> [--lang en]   import the roster (all or nothing)
          roster export <file.csv>               write the roster as CSV (UTF-8 with BOM)
          demo [--lang en]                       load a demo branch into an empty database
          db migrate                             apply migrations to the configured database
          db script <file.sql> [--provider SqlServer|Sqlite]   write the idempotent migration script
          jobs list                              the recurring reminder jobs
          jobs run <job-id> [--as-of 2026-11-27T09:00]   run a job now, as of a branch-local time
        """;

    public static Task<int?> TryRunAsync(string[] args, IServiceProvider services, CancellationToken ct) =>
        TryRunAsync(args, services, Console.Out, Console.Error, ct);

    public static async Task<int?> TryRunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (await BranchBot.Bot.Reminders.ReminderCli.TryRunAsync(args, services, output, ct) is { } jobs) return jobs;
        if (args.Length == 0 || args[0] is not ("roster" or "demo" or "db")) return null;
        var language = Option(args, "--lang") ?? "zh-CN";
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
        try
        {
            return positional switch
            {
                ["roster", "import", var file] => await ImportAsync(services, file, language, output, error, ct),
                ["roster", "export", var file] => await ExportAsync(services, file, output, ct),
                ["demo"] => await DemoAsync(services, language, output, error, ct),
                ["db", "migrate"] => await MigrateAsync(services, output, ct),
                ["db", "script", var file] => await ScriptAsync(file, Option(args, "--provider"), output, error, ct),
                _ => await UsageAsync(error),
            };
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or OptionsValidationException)
        {
            await error.WriteLineAsync(e.Message);
            return Failed;
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string file, string language, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var branch = scope.ServiceProvider.GetRequiredService<IOptions<BranchOptions>>().Value;
        var today = branch.Today(scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
        var result = await new RosterImport(scope.ServiceProvider.GetRequiredService<BranchDbContext>()).ImportAsync(bytes, today, ct);
        await (result.Accepted ? output : error).WriteAsync(RosterReport.Render(result, language));
        return result.Accepted ? Ok : Failed;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string file, TextWriter output, CancellationToken ct)
    {
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var bytes = await new RosterExport(scope.ServiceProvider.GetRequiredService<BranchDbContext>()).ExportAsync(ct);
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
            ? $"Demo branch loaded: {result.Roster.Changes.Count} people in {result.Roster.GroupsCreated.Count} groups; {result.Submissions} reports, {result.Talks} talks, {result.Excuses} excuse(s), {result.Extensions} extension(s), {result.Evaluations} evaluations."
            : $"演示支部已载入：{result.Roster.GroupsCreated.Count} 个小组共 {result.Roster.Changes.Count} 人；思想汇报 {result.Submissions} 份，谈话 {result.Talks} 次，免交 {result.Excuses} 次，延期申请 {result.Extensions} 次，考察鉴定 {result.Evaluations} 份。");
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
            await error.WriteLineAsync($"--provider must be SqlServer or Sqlite, not '{providerName}'.");
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

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
