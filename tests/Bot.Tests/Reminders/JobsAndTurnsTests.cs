using System.Globalization;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Reminders;

// The jobs (BranchSnapshot) and the turns (ScheduleLoading) read facts through the same FactReader, the jobs only
// those of what may still be open (FactWindow.StillOpen), so they must tell the same person the same thing. The branch tracks from January 2025, so its history
// is older than the window (a year back), and the window's first periods sit right at its edge.
public class JobsAndTurnsTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task Statuses_SamePeopleSameInstant_JobsAndTurnsAgree()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, Cst); // a Monday: the leaders' summary day
        await using var h = await ReminderHarness.StartAsync(now: now, settings: new Dictionary<string, string?> { ["Branch:TrackingStartsOn"] = "2025-01-01" });
        var b = new BranchBuilder(h);
        var leader = await b.MemberAsync("S001", Stage.Full, roles: Roles.GroupLeader, stageSince: new DateOnly(2020, 6, 1));
        var a = await b.MemberAsync("S002", Stage.Activist, mentors: ["S001"], stageSince: new DateOnly(2025, 1, 1));
        var c = await b.MemberAsync("S003", Stage.Activist, mentors: ["S001"], stageSince: new DateOnly(2025, 1, 1));
        await using (var db = h.Db())
        {
            // S002 hands in every month from January 2025 except September and October 2026; S003 in 2025 only.
            for (var month = new DateOnly(2025, 1, 1); month < new DateOnly(2026, 11, 1); month = month.AddMonths(1))
            {
                var period = Period.Containing(Cadence.Monthly, month);
                if (month is not { Year: 2026, Month: 9 or 10 })
                    db.Submissions.Add(new Submission(a.Id, ObligationKind.ThoughtReport, period, "思想汇报", Local(month.AddDays(20)), 1, null));
                if (month.Year == 2025)
                    db.Submissions.Add(new Submission(c.Id, ObligationKind.ThoughtReport, period, "思想汇报", Local(month.AddDays(34)), 1, null));
                if (month.Month % 2 == 0)
                    db.Talks.Add(new Talk(leader.Id, a.Id, month.AddDays(10), TalkMode.InPerson, "近况", "交流", null, Local(month.AddDays(11)), null));
            }
            db.Excuses.Add(new Excuse(c.Id, c.Id, ObligationKind.ThoughtReport, Period.Parse("2026-10"), "病假", leader.Id, Local(new DateOnly(2026, 10, 20))));
            var extension = new Extension(c.Id, ObligationKind.ThoughtReport, Period.Parse("2026-11"), new DateOnly(2026, 12, 7), "竞赛", Local(new DateOnly(2026, 11, 20)));
            extension.Decide(approve: true, leader.Id, Local(new DateOnly(2026, 11, 21)));
            db.Extensions.Add(extension);
            await db.SaveChangesAsync();
        }
        var options = h.Services.GetRequiredService<IOptions<BranchOptions>>().Value;
        int[] people = [leader.Id, a.Id, c.Id];

        BranchSnapshot job;
        await using (var db = h.Db())
            job = await BranchSnapshot.LoadAsync(db, options, h.Time, now, CancellationToken.None);
        await using var turnDb = h.Db();
        var stored = await turnDb.ReadBranchSettingAsync(CancellationToken.None);
        var turn = new Turn(new Speaker("aad-S001", null, null, leader, Language.ZhCn), turnDb, now, await turnDb.LoadBranchAsync(options, h.Time, CancellationToken.None), stored.Policy, null);
        var schedule = await ScheduleLoading.LoadAsync(turn, people, CancellationToken.None);
        var since = ScheduleLoading.Since(turn);

        Assert.Equal((new DateOnly(2025, 11, 1), since), (since, job.Since));
        // The job reads only what may still be open (FactWindow.StillOpen): for every period of its window it says what
        // the turn says; it builds nothing older, and what the turn says of the older periods is closed.
        var owners = people.Select(id => schedule.Members[id]).ToList();
        bool InJobWindow(Obligation o) => o.Period.Start >= job.Window.From(o.Period.Cadence);
        foreach (var owner in owners)
        {
            var turnOwed = schedule.OwedBy(owner, since, turn.Today);
            Assert.Equal(Statuses(turnOwed.Where(InJobWindow), now), Statuses(job.Schedule.OwedBy(job.MembersById[owner.Id], job.Since, turn.Today), now));
            Assert.All(turnOwed.Where(o => !InJobWindow(o)), o => Assert.False(o.StatusOn(now).IsOpen()));
        }
        Assert.Equal(new DateOnly(2026, 10, 1), job.Window.From(Cadence.Monthly));
        var open = Statuses(schedule.OpenAt(owners, now, since), now);
        Assert.Equal(open, Statuses(job.Schedule.OpenAt(owners, now, job.Since), now));
        Assert.Contains("ThoughtReport 2026-10 S002 Overdue", open);
        Assert.Contains("ThoughtReport 2026-11 S003 due 2026-12-07 Due", open);
        Assert.DoesNotContain(open, o => o.StartsWith("ThoughtReport 2026-10 S003", StringComparison.Ordinal));
        Assert.Contains("ThoughtReport 2025-11 S003 DoneLate", Statuses(schedule.OwedBy(schedule.Members[c.Id], since, turn.Today), now));

        // What the leader's summary calls overdue is what the leader's "overdue" turn lists.
        var summary = LeaderSummary.Of(job, leader.GroupId, now);
        Assert.Equal(
            schedule.OpenAt(owners, now, since).Where(o => o.StatusOn(now) == ObligationStatus.Overdue).Select(o => (o.OwnerId, o.Kind, o.Period.Key)).Order(),
            summary.Overdue.Select(i => (i.OwnerId, i.Kind, i.Period.Key)).Order());
        Assert.NotEmpty(summary.Overdue);

        string[] Statuses(IEnumerable<Obligation> obligations, DateTimeOffset at) =>
            [.. obligations.Select(o => string.Create(CultureInfo.InvariantCulture,
                    $"{o.Kind} {o.Period.Key} {b.Number(o.OwnerId ?? o.SubjectId)}{(o.Kind == ObligationKind.Talk ? "->" + b.Number(o.SubjectId) : "")}{(o.DueDate == o.Period.End ? "" : $" due {o.DueDate:yyyy-MM-dd}")} {o.StatusOn(at)}"))
                .Order(StringComparer.Ordinal)];
    }

    private static DateTimeOffset Local(DateOnly date) => new(date.ToDateTime(new TimeOnly(20, 0)), Cst);
}
