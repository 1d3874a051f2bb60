using BranchBot.Infrastructure;
using System.Diagnostics;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Delivery;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Tests.Reminders;

/// <summary>A fan-out in a real child process, killed halfway, then run again: nobody is missed, and only rows the ledger marks as resent can have reached someone twice.</summary>
public sealed class KillRestartTests
{
    private const int People = 200;

    [SkippableTheory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task JobsRun_KilledMidFanOutThenRunAgain_EveryoneGetsItAndOnlyMarkedRowsTwice(DatabaseProvider provider)
    {
        await using var h = await ReminderHarness.StartAsync(provider: provider);
        var b = new BranchBuilder(h);
        for (var i = 1; i <= People; i++) await b.MemberAsync($"K{i:D3}", Stage.Activist);
        h.Connector.Answer = (_, _) => ConnectorAnswer.Ok(TimeSpan.FromMilliseconds(30));

        using (var first = Start(h))
        {
            var deadline = Stopwatch.StartNew();
            while (h.Connector.Delivered.Count < People / 4)
            {
                if (first.HasExited) Assert.Fail("the first run ended before it could be killed: " + await first.StandardOutput.ReadToEndAsync());
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"only {h.Connector.Delivered.Count} sends after 60 s");
                await Task.Delay(20);
            }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var deliveredBeforeKill = h.Connector.Delivered.Count;
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the claim lease (1 s) of the dead process runs out

        using (var second = Start(h))
        {
            var output = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(second.ExitCode == 0, output + await second.StandardError.ReadToEndAsync());
        }

        Assert.InRange(deliveredBeforeKill, People / 4, People - 1);
        var perPerson = h.Connector.Delivered.GroupBy(d => d.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(People, perPerson.Count);
        Assert.All(perPerson.Values, n => Assert.InRange(n, 1, 2));
        var ledger = await h.LedgerAsync();
        Assert.Equal(People, ledger.Count);
        Assert.All(ledger, r => Assert.Equal(ReminderDeliveryStatus.Sent, r.Status));
        var twice = perPerson.Where(p => p.Value == 2).Select(p => p.Key).ToHashSet();
        var members = ledger.ToDictionary(r => "a:conv-" + b.Number(r.MemberId));
        Assert.All(twice, conversation => Assert.Equal(ReminderDispatcher.ResentNote, members[conversation].Note));
        // The kill stranded claims, and the restart took them over: the lease path really ran.
        Assert.Contains(ledger, r => r.Note == ReminderDispatcher.ResentNote && r.Attempts >= 2);
    }

    private static Process Start(ReminderHarness h) => BotProcess.JobsRun(h.DatabaseSettings, MonthlyRemindersJob.JobId, "2026-11-23T09:00", new Dictionary<string, string?>
    {
        ["Delivery:ClaimLeaseSeconds"] = "1",
        ["Delivery:ClaimBatchSize"] = "10",
        ["Delivery:TenantMessagesPerSecond"] = "40",
    });
}
