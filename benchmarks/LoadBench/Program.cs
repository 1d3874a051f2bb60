using System.Diagnostics;
using System.Text;
using BranchBot.LoadBench;

// Usage: LoadBench --bot <BranchBot.Bot.dll> [--clients 8,32] [--duration 10] [--warmup 2] [--modes cached,stock]
var options = args.Select((arg, i) => (arg, i)).Where(a => a.arg.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.arg[2..], a => a.i + 1 < args.Length ? args[a.i + 1] : "");
var botDll = Path.GetFullPath(options.GetValueOrDefault("bot") ?? throw new ArgumentException("--bot <path to BranchBot.Bot.dll> is required"));
var clientCounts = (options.GetValueOrDefault("clients") ?? "8,32").Split(',').Select(int.Parse).ToArray();
var duration = TimeSpan.FromSeconds(Math.Clamp(double.Parse(options.GetValueOrDefault("duration") ?? "10"), 1, 60));
var warmup = TimeSpan.FromSeconds(Math.Clamp(double.Parse(options.GetValueOrDefault("warmup") ?? "2"), 0, 30));
var modes = (options.GetValueOrDefault("modes") ?? "cached,stock").Split(',');

await using var sink = await ConnectorSink.StartAsync();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false });

Console.WriteLine($"{Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per run after {warmup.TotalSeconds:0} s warm-up, bot {botDll}");
Console.WriteLine("| scenario | connector path | clients | turns/s | p50 ms | p99 ms | bot CPU ms/turn | errors |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");

foreach (var mode in modes)
{
    using var bot = await BotProcess.StartAsync(botDll, stockConnectorFactory: mode == "stock");
    foreach (var scenario in Scenarios.All)
    {
        foreach (var clients in clientCounts)
        {
            await RunAsync(bot, scenario, clients, warmup);
            var cpuBefore = bot.CpuTime;
            var repliesBefore = sink.Received;
            var result = await RunAsync(bot, scenario, clients, duration);
            var cpu = bot.CpuTime - cpuBefore;
            var replies = sink.Received - repliesBefore;
            var turns = result.Latencies.Length;
            Console.WriteLine(
                $"| {scenario.Name} | {mode} | {clients} | {turns / result.Elapsed.TotalSeconds:0} | {Percentile(result.Latencies, 0.50):0.00} | " +
                $"{Percentile(result.Latencies, 0.99):0.00} | {(turns == 0 ? 0 : cpu.TotalMilliseconds / turns):0.000} | {result.Errors + Math.Max(0, turns - replies)} |");
        }
    }
}

async Task<RunResult> RunAsync(BotProcess bot, Scenario scenario, int clients, TimeSpan length)
{
    var url = $"{bot.BaseUrl}/api/messages";
    long sequence = 0;
    long errors = 0;
    var stopwatch = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, clients).Select(async _ =>
    {
        var latencies = new List<double>(16 * 1024);
        while (stopwatch.Elapsed < length)
        {
            var body = scenario.Activity(Interlocked.Increment(ref sequence), sink.ServiceUrl);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
                continue;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }).ToArray();
    var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
    var elapsed = stopwatch.Elapsed;
    Array.Sort(all);
    return new RunResult(all, elapsed, errors);
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal sealed record RunResult(double[] Latencies, TimeSpan Elapsed, long Errors);
