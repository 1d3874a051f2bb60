using System.Diagnostics;
using System.Globalization;
using BranchBot.Bot;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.FanOutBench;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

// Usage:
//   FanOutBench [--people 10000] [--ceilings 40,1000] [--tenant-limit 50] [--conversation-limit 7]
//       fans a monthly reminder out to N people against a local connector that answers 429 beyond Teams' limits.
//   FanOutBench cluster <postgres connection string> [--people 10000] [--ceiling 400] [--runs 1,3,3k]
//       the same with that many bot processes on one PostgreSQL database ("3k": three, the first killed mid-run).

if (args is ["cluster", var server, ..])
{
    var runs = (OptionText("--runs") ?? "1,3,3k").Split(',').Select(r => (int.Parse(r.TrimEnd('k'), CultureInfo.InvariantCulture), r.EndsWith('k'))).ToList();
    var ceiling = double.Parse(OptionText("--ceiling") ?? "400", CultureInfo.InvariantCulture);
    return await Cluster.RunAsync(server, Option("--people", 10_000), ceiling, runs);
}

var people = Option("--people", 10_000);
var tenantLimit = Option("--tenant-limit", 50);
var conversationLimit = Option("--conversation-limit", 7);
var ceilings = (OptionText("--ceilings") ?? "40,1000").Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToList();

Console.WriteLine($"Fan-out of {people:N0} reminders; connector limits {tenantLimit}/s per tenant, {conversationLimit}/s per conversation (429 + Retry-After: 1 beyond).");
Console.WriteLine("| ceiling (msg/s) | connector limit/s | people | total s | floor s | vs floor | sends/s | 429s | duplicates | lost | ledger Sent | ledger prep s | sending s | CPU ms/send |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var ceiling in ceilings)
{
    // At a scaled-up ceiling the connector's limit scales with it, so that the bot (not the fake Teams) is what is measured.
    var limit = ceiling > tenantLimit ? (int)Math.Ceiling(ceiling * 1.25) : tenantLimit;
    await RunAsync(people, ceiling, limit, conversationLimit);
}
return 0;

static async Task RunAsync(int people, double ceiling, int tenantLimit, int conversationLimit)
{
    await using var connector = await LimitingConnector.StartAsync(tenantLimit, conversationLimit);
    var data = Directory.CreateTempSubdirectory("branchbot-fanout-").FullName;
    try
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = data,
            ["Branch:TimeZone"] = "Asia/Shanghai",
            ["Branch:TrackingStartsOn"] = "2026-11-01",
            ["Reminders:Enabled"] = "false",
            ["Delivery:TenantMessagesPerSecond"] = ceiling.ToString(CultureInfo.InvariantCulture),
            ["Delivery:MaxConcurrentSends"] = "64",
            ["Delivery:ClaimBatchSize"] = "100",
        };
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        Compose(builder.Services, builder.Configuration);
        await using var app = builder.Build();
        await app.Services.MigrateDatabaseAsync(CancellationToken.None);
        await SeedAsync(app.Services, people, connector.ServiceUrl);

        var job = app.Services.CreateScope().ServiceProvider.GetServices<ReminderJob>().Single(j => j.Id == MonthlyRemindersJob.JobId);
        var asOf = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await job.RunAsync(asOf, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuPerSend = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, result.Sent);

        await using var db = app.Services.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContext();
        var sentRows = await db.ReminderDeliveries.CountAsync(d => d.Status == ReminderDeliveryStatus.Sent);
        var counts = connector.DeliveredPerConversation();
        var duplicates = counts.Values.Count(c => c > 1);
        var lost = people - counts.Count;
        var floor = people / ceiling;
        Console.WriteLine(FormattableString.Invariant(
            $"| {ceiling:0} | {tenantLimit} | {people} | {seconds:0.0} | {floor:0.0} | {(seconds / floor - 1) * 100:+0.0;-0.0}% | {people / seconds:0} | {connector.Throttled} | {duplicates} | {lost} | {sentRows} | {result.Preparing.TotalSeconds:0.0} | {result.Sending.TotalSeconds:0.0} | {cpuPerSend:0.00} |"));
        if (result.Failed > 0) Console.WriteLine($"  ({result.Failed} failed)");
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}

static async Task SeedAsync(IServiceProvider services, int people, string serviceUrl)
{
    await using var db = services.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContext();
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
        TenantId = "6f1b1b9e-0000-4000-8000-000000000001",
        ServiceUrl = serviceUrl,
        ConversationId = "a:conv-" + m.StudentNumber,
        ConversationReferenceJson = "",
        MemberId = m.Id,
        ClientLocale = "zh-CN",
    }));
    await db.SaveChangesAsync();
}

static void Compose(IServiceCollection services, IConfiguration configuration)
{
    services.AddInfrastructure(configuration);
    services.AddBot(configuration);
}

int Option(string name, int fallback) => OptionText(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
