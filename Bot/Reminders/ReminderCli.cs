using System.Globalization;
using BranchBot.Infrastructure;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Reminders;

// jobs list | jobs run <job-id> [--as-of 2026-11-27T09:00]   (--as-of is branch-local time; default: now)
// Runs a job against the configured database and sends through the connector with the stored conversation
// references, the same sender code as the bot, so a running bot's users see the messages in Teams.
public static class ReminderCli
{
    private const int Ok = 0, Failed = 1, Usage = 2;

    private const string Help = """
        Usage:
          jobs list                                      the recurring jobs
          jobs run <job-id> [--as-of 2026-11-27T09:00]   run a job now, as if at that branch-local time
        """;

    public static async Task<int?> TryRunAsync(string[] args, IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] != "jobs") return null;
        if (args is ["jobs", "list", ..])
        {
            foreach (var id in ReminderRegistration.JobIds) await output.WriteLineAsync(id);
            return Ok;
        }
        if (args is not ["jobs", "run", var jobId, ..] || jobId.StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync(Help);
            return Usage;
        }

        await using var scope = sp.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<ReminderJob>().FirstOrDefault(j => j.Id == jobId);
        if (job is null)
        {
            await output.WriteLineAsync($"Unknown job '{jobId}'. Jobs: {string.Join(", ", ReminderRegistration.JobIds)}");
            return Usage;
        }
        var branch = sp.GetRequiredService<IOptions<BranchOptions>>().Value;
        var asOf = (sp.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var i = Array.IndexOf(args, "--as-of");
        if (i >= 0)
        {
            if (i + 1 >= args.Length || !DateTime.TryParse(args[i + 1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                await output.WriteLineAsync("--as-of needs a branch-local time such as 2026-11-27T09:00.");
                return Usage;
            }
            asOf = new Domain.Branch(branch.Name, branch.ResolveTimeZone(), DateOnly.MinValue).ToInstant(local);
        }

        await sp.MigrateDatabaseAsync(ct);
        var result = await job.RunAsync(asOf, ct);
        await output.WriteLineAsync(result.ToString());
        return result.Failed == 0 ? Ok : Failed;
    }
}
