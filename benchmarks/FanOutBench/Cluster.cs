using System.Diagnostics;
using System.Globalization;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BranchBot.FanOutBench;

/// <summary>
/// The fan-out with several bot processes on one PostgreSQL database: each instance is the built bot running
/// <c>jobs run monthly-reminders</c>, all started at once against one connector that enforces the tenant limit.
/// In a kill run the first instance gets SIGKILL once a third of the people are reached; after the claim lease a
/// recovery process finishes what it stranded. Every run ends with one more process, which must send nothing.
/// </summary>
internal static class Cluster
{
    private const string Tenant = "6f1b1b9e-0000-4000-8000-000000000001";
    private const int LeaseSeconds = 3;

    public static async Task<int> RunAsync(string server, int people, double ceiling, IReadOnlyList<(int Instances, bool Kill)> runs)
    {
        Console.WriteLine($"Fan-out of {people:N0} reminders by several bot processes on one PostgreSQL database; shared ceiling {ceiling:0}/s, connector limit {ceiling * 1.25:0}/s per tenant, 7/s per conversation.");
        Console.WriteLine("| instances | kill | total s | floor s | sends/s | CPU ms/send | 429s | duplicates | marked resent | lost | claimed at kill | rerun sent |");
        Console.WriteLine("|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (instances, kill) in runs) await RunOnceAsync(server, people, ceiling, instances, kill);
        return 0;
    }

    private static async Task RunOnceAsync(string server, int people, double ceiling, int instances, bool kill)
    {
        var name = "branchbot_bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        try
        {
            await using var connector = await LimitingConnector.StartAsync((int)Math.Ceiling(ceiling * 1.25), 7);
            await using (var db = BranchDbContextFactory.Create(DatabaseProvider.Postgres, connectionString))
            {
                await db.Database.MigrateAsync();
                await SeedAsync(db, people, connector.ServiceUrl);
            }

            var cpuBefore = ChildrenCpu() + Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var running = Enumerable.Range(0, instances).Select(_ => Start(connectionString, ceiling)).ToList();
            var claimedAtKill = 0;
            if (kill)
            {
                while (connector.DeliveredPerConversation().Count < people / 3 && !running[0].HasExited) await Task.Delay(20);
                running[0].Kill(entireProcessTree: true);
                await running[0].WaitForExitAsync();
                await using var db = BranchDbContextFactory.Create(DatabaseProvider.Postgres, connectionString);
                claimedAtKill = await db.ReminderDeliveries.CountAsync(d => d.Status == ReminderDeliveryStatus.Claimed);
                running.RemoveAt(0);
            }
            foreach (var p in running) await WaitAsync(p);
            if (kill)
            {
                await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 0.5));
                await WaitAsync(Start(connectionString, ceiling));
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var deliveries = connector.DeliveredPerConversation();
            var sends = deliveries.Values.Sum();
            var cpuPerSend = (ChildrenCpu() + Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, sends);

            await WaitAsync(Start(connectionString, ceiling));
            var rerunSent = connector.DeliveredPerConversation().Values.Sum() - sends;

            await using var read = BranchDbContextFactory.Create(DatabaseProvider.Postgres, connectionString);
            var resent = await read.ReminderDeliveries.CountAsync(d => d.Note == "resent after interrupted claim");
            Console.WriteLine(FormattableString.Invariant(
                $"| {instances} | {(kill ? "yes" : "no")} | {seconds:0.0} | {people / ceiling:0.0} | {deliveries.Count / seconds:0} | {cpuPerSend:0.00} | {connector.Throttled} | {deliveries.Values.Count(c => c > 1)} | {resent} | {people - deliveries.Count} | {(kill ? claimedAtKill.ToString(CultureInfo.InvariantCulture) : "")} | {rerunSent} |"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task SeedAsync(BranchDbContext db, int people, string serviceUrl)
    {
        var group = new Group("基准测试党小组");
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        var members = Enumerable.Range(1, people).Select(i => new Member($"B{i:D6}", $"成员{i}", group.Id, Stage.Activist, new DateOnly(2026, 1, 1))).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        db.TeamsUsers.AddRange(members.Select(m => new TeamsUser
        {
            AadObjectId = "aad-" + m.StudentNumber,
            TeamsUserId = "29:" + m.StudentNumber,
            TenantId = Tenant,
            ServiceUrl = serviceUrl,
            ConversationId = "a:conv-" + m.StudentNumber,
            ConversationReferenceJson = "",
            MemberId = m.Id,
            ClientLocale = "zh-CN",
        }));
        await db.SaveChangesAsync();
    }

    private static Process Start(string connectionString, double ceiling)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BotDll());
        foreach (var arg in new[] { "jobs", "run", "monthly-reminders", "--as-of", "2026-11-23T09:00" }) info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Database__Provider"] = "Postgres";
        info.Environment["Database__ConnectionString"] = connectionString;
        info.Environment["Branch__TimeZone"] = "Asia/Shanghai";
        info.Environment["Branch__TrackingStartsOn"] = "2026-11-01";
        info.Environment["Reminders__Enabled"] = "false";
        info.Environment["Delivery__TenantMessagesPerSecond"] = ceiling.ToString(CultureInfo.InvariantCulture);
        info.Environment["Delivery__MaxConcurrentSends"] = "64";
        info.Environment["Delivery__ClaimBatchSize"] = "50";
        info.Environment["Delivery__ClaimLeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture);
        return Process.Start(info)!;
    }

    private static async Task WaitAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"bot process exited {process.ExitCode}: {await output}{await error}");
        }
    }

    // CPU of the child processes that have ended and been waited for (fields cutime and cstime of /proc/self/stat).
    private static TimeSpan ChildrenCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static string BotDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BranchBot.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "Bot", "bin", "Release", "net10.0", "BranchBot.Bot.dll");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
