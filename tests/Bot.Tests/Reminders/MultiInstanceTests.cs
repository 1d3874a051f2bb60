using System.Diagnostics;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Delivery;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BranchBot.Bot.Tests.Reminders;

/// <summary>
/// Several instances, one truth: three bot processes (the built bot, `jobs run monthly-reminders`, as an operator or
/// a job server runs it) fan the monthly reminder out to 10,000 people at once on one server database, at a ceiling
/// scaled to 400/s so that the run stays short. One is killed (SIGKILL) in the middle; a fourth process run after the
/// claim lease finishes the stranded rows, and a fifth sends nothing. Processes, not hosts in this process: only a
/// process can be killed without running any of its cleanup, and each has its own pools, limiter and statics.
/// </summary>
[Collection(ServerFanOutCollection.Name)]
public sealed class MultiInstanceTests(ITestOutputHelper output)
{
    private const int People = 10_000;
    private const double Ceiling = 400;

    public static TheoryData<DatabaseProvider> Servers => new() { DatabaseProvider.Postgres, DatabaseProvider.SqlServer };

    [SkippableTheory]
    [MemberData(nameof(Servers))]
    public async Task JobsRun_ThreeProcessesOneKilledMidFanOut_EveryoneOnceExceptMarkedInFlightAndARerunSendsNothing(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync(provider: provider);
        await SeedAsync(h, People);
        h.Connector.Answer = (_, _) => ConnectorAnswer.Ok(TimeSpan.FromMilliseconds(5));

        var running = Enumerable.Range(0, 3).Select(_ => Start(h)).ToList();
        var clock = Stopwatch.StartNew();
        while (h.Connector.Delivered.Count < People / 3)
        {
            foreach (var p in running.Where(p => p.HasExited))
                Assert.Fail($"a process ended before the kill (exit {p.ExitCode}): {await p.StandardOutput.ReadToEndAsync()}{await p.StandardError.ReadToEndAsync()}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"only {h.Connector.Delivered.Count} sends after 3 minutes");
            await Task.Delay(20);
        }
        var killedAt = clock.Elapsed;
        running[0].Kill(entireProcessTree: true);
        await running[0].WaitForExitAsync();
        var inFlightAtKill = await CountAsync(h, ReminderDeliveryStatus.Claimed);
        foreach (var survivor in running.Skip(1)) await ExitedOkAsync(survivor);
        await Task.Delay(TimeSpan.FromSeconds(3.5)); // the claim lease (3 s) of the killed process runs out
        await ExitedOkAsync(Start(h));
        var deliveredAfterRecovery = h.Connector.Delivered.Count;
        output.WriteLine($"{provider}: killed at {killedAt.TotalSeconds:0.0} s with {inFlightAtKill} rows claimed; everyone reached after {clock.Elapsed.TotalSeconds:0.0} s with the recovery run; {deliveredAfterRecovery} deliveries");

        var rerun = Start(h);
        var rerunOutput = await ExitedOkAsync(rerun);

        Assert.Equal(deliveredAfterRecovery, h.Connector.Delivered.Count);
        Assert.Contains(" 0 sent", rerunOutput);
        var perPerson = h.Connector.Delivered.GroupBy(d => d.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(People, perPerson.Count);
        Assert.All(perPerson.Values, n => Assert.InRange(n, 1, 2));
        var ledger = await h.LedgerAsync();
        Assert.Equal(People, ledger.Count);
        Assert.All(ledger, r => Assert.Equal(ReminderDeliveryStatus.Sent, r.Status));
        var twice = perPerson.Where(p => p.Value == 2).Select(p => p.Key).ToList();
        var byConversation = ledger.ToDictionary(r => "a:conv-M" + r.MemberId.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(twice, conversation => Assert.Equal(ReminderDispatcher.ResentNote, byConversation[conversation].Note));
        Assert.True(twice.Count <= inFlightAtKill, $"{twice.Count} sent twice, but only {inFlightAtKill} were claimed when the process was killed");
        // Three processes on one tenant kept one pace: no second at the connector holds much more than the ceiling
        // (three separate paces would give about three times it). Each process reserves about 100 ms of slots ahead
        // (SendRateLimiter), so on a loaded machine the two others can each land one reservation late inside a
        // window: the ceiling plus 10 %, plus those two reservations.
        var times = h.Connector.Calls.Select(c => c.At).Order().ToList();
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(1)), 1, (int)(Ceiling * 1.1 + 2 * Ceiling / 10));
    }

    private static async Task SeedAsync(ReminderHarness h, int people)
    {
        await using var db = h.Db();
        var group = new Group("第一党小组");
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        var members = Enumerable.Range(1, people).Select(i => new Member($"M{i:D6}", $"成员{i}", group.Id, Stage.Activist, new DateOnly(2026, 1, 1))).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        db.TeamsUsers.AddRange(members.Select(m => new TeamsUser
        {
            AadObjectId = "aad-" + m.StudentNumber,
            TeamsUserId = "29:" + m.StudentNumber,
            TenantId = ReminderHarness.Tenant,
            ServiceUrl = h.Connector.ServiceUrl,
            // Named by member id, so a delivery maps back to its ledger row.
            ConversationId = "a:conv-M" + m.Id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            ConversationReferenceJson = "",
            MemberId = m.Id,
            ClientLocale = "zh-CN",
        }));
        await db.SaveChangesAsync();
    }

    private static async Task<int> CountAsync(ReminderHarness h, ReminderDeliveryStatus status)
    {
        await using var db = h.Db();
        return await db.ReminderDeliveries.CountAsync(d => d.Status == status);
    }

    private static async Task<string> ExitedOkAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(process.ExitCode == 0, await output + await error);
            return await output;
        }
    }

    private static int MostInAnyWindow(List<DateTimeOffset> sorted, TimeSpan window)
    {
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window) start++;
            most = Math.Max(most, end - start + 1);
        }
        return most;
    }

    private static Process Start(ReminderHarness h) => BotProcess.JobsRun(h.DatabaseSettings, MonthlyRemindersJob.JobId, "2026-11-23T09:00", new Dictionary<string, string?>
    {
        ["Delivery:ClaimLeaseSeconds"] = "3",
        ["Delivery:ClaimBatchSize"] = "50",
        ["Delivery:TenantMessagesPerSecond"] = Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:ConversationMessagesPerSecond"] = "1",
    });
}
