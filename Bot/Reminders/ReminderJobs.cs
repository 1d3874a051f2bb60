using BranchBot.Bot.Features.Evaluations;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Reminders;

/// <summary>
/// A recurring job: decides from the ledger and the facts what is due at <c>asOf</c> and sends it, so running it
/// again, late, or twice at once sends nothing twice. Hangfire calls <see cref="RunNowAsync"/>; the CLI and tests
/// call <see cref="RunAsync"/> with the instant they want.
/// </summary>
public abstract class ReminderJob(
    IDbContextFactory<BranchDbContext> databases,
    ReminderDispatcher dispatcher,
    IOptions<BranchOptions> branch,
    IOptions<ReminderOptions> options,
    TimeProvider time)
{
    public abstract string Id { get; }

    protected ReminderOptions Options => options.Value;

    /// <summary>What the plan reads from the snapshot: the obligations jobs need only the facts, not dues or the pipeline.</summary>
    protected virtual SnapshotParts Parts => SnapshotParts.Obligations;

    /// <summary>
    /// The scheduled run, as a branch-local instant so that the job log reads in the branch's own time. With
    /// Reminders:Enabled=false a scheduled run does nothing: Hangfire keeps its storage in process-wide statics,
    /// so a job queued by another host in the same process must not send from this one. The CLI calls
    /// <see cref="RunAsync"/> and is not affected.
    /// </summary>
    public async Task<SweepResult?> RunNowAsync(CancellationToken ct) =>
        options.Value.Enabled
            ? await RunAsync(TimeZoneInfo.ConvertTime(time.GetUtcNow(), branch.Value.ResolveTimeZone()), ct).ConfigureAwait(false)
            : null;

    public async Task<SweepResult> RunAsync(DateTimeOffset asOf, CancellationToken ct)
    {
        BranchSnapshot state;
        await using (var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            state = await BranchSnapshot.LoadAsync(db, branch.Value, time, asOf, Parts, options.Value.CatchUpDays, ct).ConfigureAwait(false);
            await PrepareAsync(db, state, asOf, ct).ConfigureAwait(false);
        }
        return await dispatcher.DispatchAsync(Id, asOf, state, Plan(state, asOf), ct).ConfigureAwait(false);
    }

    /// <summary>What a run writes before its plan is sent: records whose cards go through the delivery ledger (idempotent, like the plan).</summary>
    protected virtual Task PrepareAsync(BranchDbContext db, BranchSnapshot state, DateTimeOffset asOf, CancellationToken ct) => Task.CompletedTask;

    protected abstract IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf);
}

public sealed class MonthlyRemindersJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "monthly-reminders";
    private static readonly HashSet<Cadence> Cadences = [Cadence.Monthly];
    public override string Id => JobId;
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) => ReminderPlanner.Reminders(state, asOf, Cadences);
}

/// <summary>Quarterly deadlines, and any half-yearly duty a person owes under a custom policy.</summary>
public sealed class QuarterlyRemindersJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "quarterly-reminders";
    private static readonly HashSet<Cadence> Cadences = [Cadence.Quarterly, Cadence.HalfYearly];
    public override string Id => JobId;
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) => ReminderPlanner.Reminders(state, asOf, Cadences);
}

public sealed class OverdueNoticesJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "overdue-notices";
    public override string Id => JobId;
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) => ReminderPlanner.OverdueNotices(state, asOf, Options.CatchUpDays);
}

public sealed class LeaderSummariesJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "leader-summaries";
    public override string Id => JobId;
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) => ReminderPlanner.LeaderSummaries(state, asOf, Options.SummaryTime, Options.CatchUpDays);
}

public sealed class CommitteeSummaryJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "committee-summary";
    public override string Id => JobId;
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) => ReminderPlanner.CommitteeSummaries(state, asOf, Options.SummaryTime, Options.CatchUpDays);
}

/// <summary>
/// The pipeline's milestones, daily at the summary time: ahead of each probation's end, the member, their introducers
/// and the committee; the day after a public notice (公示) ended without objection, the committee; on the day a
/// probationary member's half year has come, the half-yearly evaluation round opens by itself (the self card to the
/// member, peer cards to the group, the branch card to the discipline member), and every open round's missing parts
/// are chased each week after it opened (<see cref="EvaluationRoundOpener.RunMilestonesAsync"/>). On the 1st, also the chase of missing transfer receipts. (The id predates the
/// notices and stays: Hangfire keys recurring jobs by it.)
/// </summary>
public sealed class ProbationRemindersJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t,
    EvaluationRoundOpener rounds)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "probation-reminders";
    public override string Id => JobId;
    protected override SnapshotParts Parts => SnapshotParts.Pipeline;
    protected override Task PrepareAsync(BranchDbContext db, BranchSnapshot state, DateTimeOffset asOf, CancellationToken ct) =>
        rounds.RunMilestonesAsync(db, state, asOf, Options.SummaryTime, Options.CatchUpDays, ct);
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) =>
        [.. ReminderPlanner.ProbationReminders(state, asOf, Options.SummaryTime, Options.CatchUpDays),
         .. ReminderPlanner.SelectionNoticesEnded(state, asOf, Options.SummaryTime, Options.CatchUpDays),
         .. ReminderPlanner.TransferChases(state, asOf, Options.SummaryTime, Options.CatchUpDays)];
}

/// <summary>Party dues (党费): on the 20th at the summary time, each member who owes the month and has not paid it, once.</summary>
public sealed class DuesRemindersJob(IDbContextFactory<BranchDbContext> d, ReminderDispatcher x, IOptions<BranchOptions> b, IOptions<ReminderOptions> o, TimeProvider t)
    : ReminderJob(d, x, b, o, t)
{
    public const string JobId = "dues-reminders";
    public override string Id => JobId;
    protected override SnapshotParts Parts => SnapshotParts.Dues;
    protected override IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf) =>
        Features.Dues.DuesReminders.Plan(state, asOf, Options.SummaryTime, Options.CatchUpDays);
}
