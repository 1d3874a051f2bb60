using System.Diagnostics;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Delivery;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BranchBot.Bot.Tests.Reminders;

/// <summary>
/// Two job servers on one server database: two instances (each its own services, Hangfire server and pools) start
/// as the bot does, so each registers the recurring jobs and queues a catch-up run of every job in the one Hangfire
/// storage (Hangfire.PostgreSql / Hangfire.SqlServer). The monthly job then runs twice, possibly at once on both
/// servers; the ledger lets each reminder out once. Hosts in this process, not processes: the fake clock must be
/// the same for both, and nothing is killed here (MultiInstanceTests kills processes).
/// </summary>
[Collection(ServerFanOutCollection.Name)]
public sealed class JobServersTests
{
    public static TheoryData<DatabaseProvider> Servers => new() { DatabaseProvider.Postgres, DatabaseProvider.SqlServer };

    [SkippableTheory]
    [MemberData(nameof(Servers))]
    public async Task Start_TwoJobServersEachQueueTheCatchUp_EveryoneGetsTheMonthlyReminderOnce(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync(provider: provider, now: new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["Reminders:Enabled"] = "true", ["Delivery:ClaimBatchSize"] = "5" });
        var b = new BranchBuilder(h);
        for (var i = 1; i <= 40; i++) await b.MemberAsync($"J{i:D3}", Stage.Activist);
        h.Connector.Answer = (_, _) => ConnectorAnswer.Ok(TimeSpan.FromMilliseconds(10));
        var servers = new List<IServiceProvider> { h.Services, await h.NewInstanceAsync() };

        var started = new List<IHostedService>();
        foreach (var server in servers)
            foreach (var service in server.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
                started.Add(service);
            }
        var monitoring = h.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var clock = Stopwatch.StartNew();
        // Each server queues every job once; Hangfire may fold two triggers of one recurring job that land together
        // into one run, so the wait ends when every queued run is done (none waiting, running or set for a retry
        // after an exception) and at least one run of each job succeeded.
        bool Done() => monitoring.SucceededListCount() >= 2 * ReminderRegistration.JobIds.Count
            || (monitoring.SucceededListCount() >= ReminderRegistration.JobIds.Count && monitoring.EnqueuedCount("default") == 0
                && monitoring.ProcessingCount() == 0 && monitoring.ScheduledCount() == 0 && monitoring.FailedCount() == 0);
        while (!Done())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2),
                $"{monitoring.SucceededListCount()} jobs succeeded, {monitoring.FailedCount()} failed, {monitoring.ProcessingCount()} processing, " +
                $"{monitoring.ScheduledCount()} scheduled (a retry after an exception: " +
                string.Join("; ", monitoring.ScheduledJobs(0, 5).Select(j => j.Value.Job?.Type.Name)) + ") after 2 minutes");
            await Task.Delay(100);
        }
        var serverCount = monitoring.Servers().Count;
        started.Reverse();
        foreach (var service in started) await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, serverCount);
        Assert.Equal(0, monitoring.FailedCount());
        var delivered = h.Connector.Delivered.Select(d => d.ConversationId).ToList();
        Assert.Equal(40, delivered.Count);
        Assert.Equal(40, delivered.Distinct().Count());
        var ledger = await h.LedgerAsync();
        Assert.Equal(40, ledger.Count);
        Assert.All(ledger, r => Assert.Equal((ReminderDeliveryStatus.Sent, 1), (r.Status, r.Attempts)));
    }
}
