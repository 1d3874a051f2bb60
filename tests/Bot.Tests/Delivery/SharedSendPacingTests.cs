using System.Collections.Concurrent;
using System.Diagnostics;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Reminders;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Delivery;

/// <summary>
/// Three instances (each its own services and connection pool, as three processes) pace one tenant through one
/// server database: together they stay under the one ceiling, and a Retry-After heard by one stops all of them.
/// </summary>
[Collection(ServerFanOutCollection.Name)]
public sealed class SharedSendPacingTests
{
    private const string Tenant = "tenant-shared";
    private const double Configured = 40; // the default: under Teams' 50/s with room for timer jitter
    private const int TeamsLimit = 50;

    public static TheoryData<DatabaseProvider> Servers => new() { DatabaseProvider.Postgres, DatabaseProvider.SqlServer };

    [SkippableTheory]
    [MemberData(nameof(Servers))]
    public async Task WaitAsync_ThreeInstancesSendingFlatOut_TogetherStayUnderTheCeiling(DatabaseProvider provider)
    {
        using var database = ServerDatabase.Create(provider);
        var instances = Enumerable.Range(0, 3).Select(_ => Instance(database)).ToList();
        var sends = new ConcurrentQueue<long>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(instances.SelectMany(instance => Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await instance.Limiter.WaitAsync(Tenant, $"conv-{worker}-{i}-{Guid.NewGuid():N}", CancellationToken.None);
                sends.Enqueue(clock.ElapsedTicks);
            }
        }))));
        foreach (var instance in instances) await instance.Services.DisposeAsync();

        Assert.All(instances, i => Assert.True(i.Limiter.SharedByInstances));
        var times = sends.Select(t => TimeSpan.FromSeconds((double)t / Stopwatch.Frequency)).Order().ToList();
        Assert.Equal(360, times.Count);
        // No second holds more than Teams allows the tenant, however the three instances interleave.
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(1)), 1, TeamsLimit);
        // And the three did not each take the pace: 360 sends at 40/s take about 9 s, at 3 × 40/s they would take 3.
        Assert.True(times[^1] - times[0] > TimeSpan.FromSeconds(8), $"360 sends took {(times[^1] - times[0]).TotalSeconds:F1} s");
    }

    [SkippableTheory]
    [MemberData(nameof(Servers))]
    public async Task PauseTenantAsync_RetryAfterHeardByOneInstance_NoInstanceSendsUntilItEnds(DatabaseProvider provider)
    {
        using var database = ServerDatabase.Create(provider);
        var instances = Enumerable.Range(0, 3).Select(_ => Instance(database)).ToList();
        var sends = new ConcurrentQueue<(int Instance, long At)>();
        var clock = Stopwatch.StartNew();
        TimeSpan pausedAt, written;
        var pause = TimeSpan.FromSeconds(1.5);
        using var stop = new CancellationTokenSource();

        var senders = instances.SelectMany((instance, n) => Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await instance.Limiter.WaitAsync(Tenant, $"conv-{n}-{worker}-{Guid.NewGuid():N}", stop.Token); }
                catch (OperationCanceledException) { return; }
                sends.Enqueue((n, clock.ElapsedTicks));
            }
        }))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        pausedAt = clock.Elapsed;
        await instances[0].Limiter.PauseTenantAsync(Tenant, pause, CancellationToken.None);
        written = clock.Elapsed;
        await Task.Delay(pause + TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        foreach (var instance in instances) await instance.Services.DisposeAsync();

        var times = sends.Select(s => (s.Instance, At: TimeSpan.FromSeconds((double)s.At / Stopwatch.Frequency))).ToList();
        // Once the pause is written the others may still use the slots they had reserved (about 100 ms of them).
        var duringPause = times.Where(s => s.At > written + TimeSpan.FromMilliseconds(200) && s.At < pausedAt + pause - TimeSpan.FromMilliseconds(20)).ToList();
        Assert.Empty(duringPause);
        Assert.Contains(times, s => s.At < pausedAt);
        Assert.All(Enumerable.Range(0, 3), n => Assert.Contains(times, s => s.Instance == n && s.At >= pausedAt + pause));
    }

    private static int MostInAnyWindow(List<TimeSpan> sorted, TimeSpan window)
    {
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window) start++;
            most = Math.Max(most, end - start + 1);
        }
        return most;
    }

    private static (ServiceProvider Services, SendRateLimiter Limiter) Instance(ServerDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddInfrastructure(configuration).BuildServiceProvider();
        var options = Options.Create(new DeliveryOptions { TenantMessagesPerSecond = Configured, ConversationMessagesPerSecond = 1000 });
        var limiter = new SendRateLimiter(options, services.GetRequiredService<IOptions<DatabaseOptions>>(), services.GetRequiredService<IDbContextFactory<BranchDbContext>>());
        return (services, limiter);
    }
}
