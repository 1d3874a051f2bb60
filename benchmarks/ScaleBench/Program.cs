using System.Diagnostics;
using System.Globalization;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.ScaleBench;
using Microsoft.EntityFrameworkCore;

// Usage: ScaleBench [--groups-measured 200] [--keep]            generate a university branch, then measure it
//        ScaleBench --measure <file.db> [--groups-measured 200]  measure an existing database only
// Generation and measurement run in separate processes, so that the peak memory printed is the reads' own.
var options = Options.Parse(args);
var timeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));
var trackingStartsOn = new DateOnly(2025, 12, 1);
var ct = CancellationToken.None;

if (options.MeasureFile is { } file)
{
    var branch = new Branch("大学学生党支部", timeZone, trackingStartsOn);
    await new Measurement(ConnectionString(file), branch, Policy.Default, now, options.GroupsMeasured).RunAsync(ct);
    return 0;
}

var dir = Path.Combine(Path.GetTempPath(), "branchbot-scalebench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
var path = Path.Combine(dir, "branch.db");
try
{
    await using (var db = BranchDbContextFactory.Create(DatabaseProvider.Sqlite, ConnectionString(path)))
    {
        var migrate = Stopwatch.StartNew();
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        Console.WriteLine($"migrated {path} in {migrate.ElapsedMilliseconds} ms");
        var counts = await new SyntheticBranch(Scale.University, trackingStartsOn, now, timeZone, seed: 2026).WriteAsync(db, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {counts.Members:N0} members ({Scale.University.Groups} groups), {counts.Assignments:N0} mentor assignments, {counts.Submissions:N0} submissions, {counts.Talks:N0} talks, {counts.Excuses:N0} excuses, {counts.Extensions:N0} extensions, {counts.Evaluations:N0} evaluations in {counts.Elapsed.TotalSeconds:F1} s"));
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;", ct);
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MB"));

    var self = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
    var start = new ProcessStartInfo(self) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Measurement).Assembly.Location);
    foreach (var a in new[] { "--measure", path, "--groups-measured", options.GroupsMeasured.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
    using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the measuring process.");
    await child.WaitForExitAsync(ct);
    return child.ExitCode;
}
finally
{
    if (options.Keep) Console.WriteLine($"kept {path}");
    else Directory.Delete(dir, recursive: true);
}

static string ConnectionString(string file) => $"Data Source={file}";

internal sealed record Options(string? MeasureFile, int GroupsMeasured, bool Keep)
{
    public static Options Parse(string[] args)
    {
        string? measure = null;
        var groups = 200;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--measure": measure = args[++i]; break;
                case "--groups-measured": groups = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Use --measure <file>, --groups-measured <n>, --keep.");
            }
        }
        return new Options(measure, groups, keep);
    }
}
