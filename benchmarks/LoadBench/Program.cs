using System.Diagnostics;
using System.Text;
using BranchBot.LoadBench;
using Microsoft.Data.Sqlite;

// Usage: LoadBench --bot <BranchBot.Bot.dll> [--clients 8,32] [--duration 10] [--warmup 2] [--modes cached,stock]
//                  [--prewarm 15] [--scenarios echo,text,submit] [--roster 2000] [--users 512] [--data <dir>] [--keep]
//                  [--bot-env KEY=VALUE;KEY=VALUE] [--bot-log <file>]   (profiling: e.g. EF command logging)
var options = args.Select((arg, i) => (arg, i)).Where(a => a.arg.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.arg[2..], a => a.i + 1 < args.Length && !args[a.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[a.i + 1] : "");
var botDll = Path.GetFullPath(options.GetValueOrDefault("bot") ?? throw new ArgumentException("--bot <path to BranchBot.Bot.dll> is required"));
var clientCounts = (options.GetValueOrDefault("clients") ?? "8,32").Split(',').Select(int.Parse).ToArray();
var duration = TimeSpan.FromSeconds(Math.Clamp(double.Parse(options.GetValueOrDefault("duration") ?? "10"), 1, 60));
var warmup = TimeSpan.FromSeconds(Math.Clamp(double.Parse(options.GetValueOrDefault("warmup") ?? "2"), 0, 30));
// Tiered JIT needs many calls per method (and a quiet moment) before the bot runs optimized code; on a busy
// 2-core machine that takes tens of seconds, so every scenario is first run this long, unmeasured.
var prewarm = TimeSpan.FromSeconds(Math.Clamp(double.Parse(options.GetValueOrDefault("prewarm") ?? "15"), 0, 120));
var modes = (options.GetValueOrDefault("modes") ?? "cached").Split(',');
var scenarioFilter = (options.GetValueOrDefault("scenarios") ?? "echo,text,submit").Split(',');
var rosterSize = Math.Clamp(int.Parse(options.GetValueOrDefault("roster") ?? "2000"), 1, 100_000);
var userCount = Math.Clamp(int.Parse(options.GetValueOrDefault("users") ?? "512"), clientCounts.Max(), rosterSize);
var dataRoot = Path.GetFullPath(options.GetValueOrDefault("data") is { Length: > 0 } data ? data : Path.Combine(Path.GetTempPath(), $"branchbot-load-{Environment.ProcessId}"));
var keepData = options.ContainsKey("keep");
var botEnvironment = (options.GetValueOrDefault("bot-env") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
    .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
var botLog = options.GetValueOrDefault("bot-log") is { Length: > 0 } log ? Path.GetFullPath(log) : null;

// The branch's clock (Asia/Shanghai): the current month is the open report period; tracking began two months ago.
var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
var period = $"{today:yyyy-MM}";
var trackingStartsOn = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
var scenarios = Scenarios.All(period).Where(s => scenarioFilter.Any(f => s.Name.StartsWith(f, StringComparison.Ordinal) || (f == "submit" && s.Reply == ExpectedReply.CardUpdate))).ToList();
var users = Enumerable.Range(0, userCount).Select(Roster.User).ToArray();

await using var sink = await ConnectorSink.StartAsync(id => Roster.IndexOf(id) is { } i && i < rosterSize ? Roster.User(i) : null);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false });

Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}, {duration.TotalSeconds:0} s per run after {warmup.TotalSeconds:0} s warm-up " +
    $"({prewarm.TotalSeconds:0} s per scenario before the first), " +
    $"roster {rosterSize} activists + {Roster.Mentors} mentors, {userCount} linked users, period {period}, bot {botDll}");
Console.WriteLine();
Console.WriteLine("| scenario | connector path | clients | turns/s | p50 ms | p99 ms | bot CPU ms/turn | × echo floor | bench CPU ms/turn | errors |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");

var failed = false;
long sequence = 0; // one sequence for all runs, so card ids never repeat
var notes = new List<string>();
var cpuPerTurn = new Dictionary<(string Scenario, string Mode, int Clients), double>();
var echoScenario = scenarios.FirstOrDefault(s => s.Name.StartsWith("echo", StringComparison.Ordinal))?.Name;
try
{
    foreach (var mode in modes)
    {
        var dataDirectory = Path.Combine(dataRoot, mode);
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        await Roster.SeedAsync(botDll, dataDirectory, rosterSize, trackingStartsOn.AddMonths(-6));
        var environment = new Dictionary<string, string>(botEnvironment)
        {
            ["BRANCHBOT_DATA"] = dataDirectory,
            ["Branch__TrackingStartsOn"] = $"{trackingStartsOn:yyyy-MM-dd}",
        };
        using var bot = await BotProcess.StartAsync(botDll, stockConnectorFactory: mode == "stock", environment, botLog);

        var linked = await LinkAsync(bot);
        notes.Add($"{mode}: {linked.Elapsed.TotalSeconds:0.0} s to link {userCount} users by first contact (\"帮助\"), {linked.Counts.MemberLookups} Teams member lookups, {linked.Errors} errors");
        failed |= linked.Errors > 0 || linked.Counts.MemberLookups != userCount || linked.Counts.Posted != userCount;

        long submitted = 0, receipts = 0;
        foreach (var scenario in scenarios)
        {
            var prewarmed = await MeasureAsync(bot, scenario, clientCounts.Max(), prewarm);
            failed |= prewarmed.Errors > 0;
            if (scenario.Reply == ExpectedReply.CardUpdate)
            {
                submitted += prewarmed.Latencies.Length;
                receipts += prewarmed.Counts.Updated;
            }

            foreach (var clients in clientCounts)
            {
                var warm = await MeasureAsync(bot, scenario, clients, warmup);
                var cpuBefore = bot.CpuTime;
                var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var result = await MeasureAsync(bot, scenario, clients, duration);
                var cpu = bot.CpuTime - cpuBefore;
                var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
                var turns = result.Latencies.Length;
                var (expected, unexpected) = scenario.Reply == ExpectedReply.CardUpdate
                    ? (result.Counts.Updated, result.Counts.Posted)
                    : (result.Counts.Posted, result.Counts.Updated);
                // A reply with the bot's error text is an answer, but a failed turn (Counts.Failed).
                var errors = result.Errors + Math.Abs(turns - expected) + unexpected + result.Counts.MemberLookups + result.Counts.Failed;
                failed |= errors > 0 || warm.Errors > 0 || warm.Counts.Failed > 0;
                if (scenario.Reply == ExpectedReply.CardUpdate)
                {
                    submitted += warm.Latencies.Length + turns;
                    receipts += warm.Counts.Updated + result.Counts.Updated;
                }
                var botCpu = turns == 0 ? 0 : cpu.TotalMilliseconds / turns;
                cpuPerTurn[(scenario.Name, mode, clients)] = botCpu;
                Console.WriteLine(
                    $"| {scenario.Name} | {mode} | {clients} | {turns / result.Elapsed.TotalSeconds:0} | {Percentile(result.Latencies, 0.50):0.00} | " +
                    $"{Percentile(result.Latencies, 0.99):0.00} | {botCpu:0.000} | {Ratio(botCpu, echoScenario is null ? null : cpuPerTurn.GetValueOrDefault((echoScenario, mode, clients)))} | " +
                    $"{(turns == 0 ? 0 : benchCpu.TotalMilliseconds / turns):0.000} | {errors} |");
            }
        }

        if (scenarios.Any(s => s.Reply == ExpectedReply.CardUpdate))
        {
            var stored = await StoredSubmissionsAsync(Path.Combine(dataDirectory, "branchbot.db"));
            notes.Add($"{mode}: {submitted} submission turns answered 200, {receipts} receipts (card updates) at the sink, {stored} submissions stored in SQLite");
            failed |= stored != submitted || receipts != submitted;
        }
    }
}
finally
{
    if (!keepData && Directory.Exists(dataRoot)) Directory.Delete(dataRoot, recursive: true);
}

// The stock path as a multiple of the cached one (BranchBot as shipped), scenario by scenario, from this same run.
if (modes.Contains("stock") && modes.Contains("cached"))
{
    Console.WriteLine();
    Console.WriteLine("| scenario | clients | cached bot CPU ms/turn | stock bot CPU ms/turn | stock × cached |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var scenario in scenarios)
    {
        foreach (var clients in clientCounts)
        {
            if (cpuPerTurn.TryGetValue((scenario.Name, "cached", clients), out var cached) && cpuPerTurn.TryGetValue((scenario.Name, "stock", clients), out var stock))
            {
                Console.WriteLine($"| {scenario.Name} | {clients} | {cached:0.000} | {stock:0.000} | {Ratio(stock, cached)} |");
            }
        }
    }
}

Console.WriteLine();
notes.ForEach(Console.WriteLine);
Console.WriteLine(failed ? "FAILED: some turns errored, were refused, or were not stored." : "All turns answered, every reply was the expected kind, every submission stored.");
return failed ? 1 : 0;

// First contact of every user, 16 at a time: the bot links each to the roster through the Teams member lookup.
async Task<RunResult> LinkAsync(BotProcess bot)
{
    var before = sink.Snapshot;
    var stopwatch = Stopwatch.StartNew();
    long errors = 0;
    await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, ct) =>
    {
        if (!await PostAsync(bot, Scenarios.Help(user, sink.ServiceUrl))) Interlocked.Increment(ref errors);
    });
    return new RunResult([], stopwatch.Elapsed, errors, sink.Snapshot - before);
}

// Each client drives its own users (index % clients), so no two requests for the same person overlap.
async Task<RunResult> MeasureAsync(BotProcess bot, Scenario scenario, int clients, TimeSpan length)
{
    var before = sink.Snapshot;
    long errors = 0;
    var stopwatch = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, clients).Select(async client =>
    {
        var mine = users.Where(u => u.Index % clients == client).ToArray();
        var latencies = new List<double>(16 * 1024);
        for (var n = 0; stopwatch.Elapsed < length; n++)
        {
            var body = scenario.Activity(mine[n % mine.Length], Interlocked.Increment(ref sequence), sink.ServiceUrl);
            var started = Stopwatch.GetTimestamp();
            if (await PostAsync(bot, body)) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            else Interlocked.Increment(ref errors);
        }

        return latencies;
    }).ToArray();
    var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
    var elapsed = stopwatch.Elapsed;
    Array.Sort(all);
    return new RunResult(all, elapsed, errors, sink.Snapshot - before);
}

async Task<bool> PostAsync(BotProcess bot, string body)
{
    try
    {
        using var response = await http.PostAsync($"{bot.BaseUrl}/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        return response.IsSuccessStatusCode;
    }
    catch (HttpRequestException)
    {
        return false;
    }
}

static async Task<long> StoredSubmissionsAsync(string databaseFile)
{
    await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM Submissions";
    return (long)(await command.ExecuteScalarAsync())!;
}

static string Ratio(double value, double? floor) => floor is > 0 ? $"{value / floor.Value:0.0}×" : "";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal sealed record RunResult(double[] Latencies, TimeSpan Elapsed, long Errors, Counts Counts);
