using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public sealed class SelectionRoundTripTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 19, 2, 0, 0, TimeSpan.Zero);

    private static async Task<int[]> SeedAsync(TestDatabase database)
    {
        await using var setup = database.NewContext();
        await setup.Database.MigrateAsync();
        var group = new Group("第一小组");
        setup.Groups.Add(group);
        await setup.SaveChangesAsync();
        setup.Members.AddRange(
            new Member("2022001", "孙书记", group.Id, Stage.Full, new DateOnly(2023, 6, 1), Roles.Secretary),
            new Member("2025001", "张三", group.Id, Stage.Activist, new DateOnly(2025, 9, 1)),
            new Member("2025002", "李四", group.Id, Stage.Applicant, new DateOnly(2026, 3, 1)));
        await setup.SaveChangesAsync();
        return [.. await setup.Members.OrderBy(m => m.StudentNumber).Select(m => m.Id).ToListAsync()];
    }

    [Fact]
    public async Task Selection_WithObjectionsResolvedAndConcluded_ReadsBackTheSame()
    {
        using var database = new TestDatabase();
        var ids = await SeedAsync(database);
        await using (var db = database.NewContext())
        {
            var selection = new Selection(ids[2], Recommender.Member, ids[0], new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 19), SelectionRules.DefaultNoticeDays, ids[0], At, $"{ids[0]}:card");
            db.Selections.Add(selection);
            await db.SaveChangesAsync();
            var objection = selection.Object(ids[1], "缺席活动", new DateOnly(2026, 11, 20), At.AddDays(1), $"{ids[1]}:card");
            await db.SaveChangesAsync();
            selection.Resolve(objection, ObjectionResolution.Dismissed, "已核实不属实", ids[0], new DateOnly(2026, 11, 21), At.AddDays(2));
            await db.SaveChangesAsync();
            selection.Conclude(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27), ids[0]);
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var back = await read.Selections.Include(s => s.Objections).SingleAsync();
        Assert.Equal((ids[2], Recommender.Member, (int?)ids[0], new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 25)),
            (back.SubjectId, back.RecommendedBy, back.RecommenderId, back.NoticeStartsOn, back.NoticeEndsOn));
        Assert.Equal((SelectionOutcome.Admitted, (DateOnly?)new DateOnly(2026, 11, 26), (DateOnly?)new DateOnly(2026, 11, 27), (int?)ids[0]),
            (back.Outcome!.Value, back.OutcomeOn, back.FiledUpwardOn, back.ConcludedById));
        var objectionBack = Assert.Single(back.Objections);
        Assert.Equal((ids[1], "缺席活动", (ObjectionResolution?)ObjectionResolution.Dismissed, "已核实不属实", (DateOnly?)new DateOnly(2026, 11, 21), At.AddDays(1).UtcTicks),
            (objectionBack.ObjectorId, objectionBack.Reason, objectionBack.Resolution, objectionBack.ResolutionNote, objectionBack.ResolvedOn, objectionBack.At.UtcTicks));
        Assert.Equal(SelectionState.Admitted, SelectionRules.StateOn(back, new DateOnly(2026, 11, 28)));
    }

    [Fact]
    public async Task Selection_ConcludedByTwoContextsAtOnce_TheSecondIsAConcurrencyConflict()
    {
        using var database = new TestDatabase();
        var ids = await SeedAsync(database);
        await using (var db = database.NewContext())
        {
            db.Selections.Add(new Selection(ids[2], Recommender.YouthLeague, null, new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 19), 7, ids[0], At, $"{ids[0]}:card"));
            await db.SaveChangesAsync();
        }
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var one = await first.Selections.Include(s => s.Objections).SingleAsync();
        var two = await second.Selections.Include(s => s.Objections).SingleAsync();

        one.Conclude(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27), ids[0]);
        await first.SaveChangesAsync();
        two.Conclude(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 26), ids[0]);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Evaluation_SameSubjectKindAndPeriodTwice_IsRejectedByTheDatabase()
    {
        using var database = new TestDatabase();
        var ids = await SeedAsync(database);
        await using var db = database.NewContext();
        db.Evaluations.Add(new Evaluation(ids[1], ObligationKind.ActivistEvaluation, Period.Parse("2026-Q3"), false, "思想汇报不按时", ids[0], At));
        await db.SaveChangesAsync();

        db.Evaluations.Add(new Evaluation(ids[1], ObligationKind.ActivistEvaluation, Period.Parse("2026-Q3"), true, "", ids[0], At));
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(BranchBot.Infrastructure.Persistence.UniqueViolation.IsUniqueViolation(e));
    }

    [Fact]
    public async Task StageDecision_Stop_KeepsTheReasonAndTheActivistStageInTheHistory()
    {
        using var database = new TestDatabase();
        var ids = await SeedAsync(database);
        await using (var db = database.NewContext())
        {
            var member = await db.Members.Include(m => m.StageChanges).SingleAsync(m => m.Id == ids[1]);
            member.RecordStage(new StageChange(Stage.Applicant, new DateOnly(2026, 11, 19), StageChangeSource.CommitteeAction, new DateOnly(2026, 11, 19)));
            db.StageDecisions.Add(StageDecision.Stop(ids[1], new DateOnly(2026, 11, 19), "无进步", ids[0], At, $"{ids[0]}:stop"));
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var back = await read.Members.Include(m => m.StageChanges).SingleAsync(m => m.Id == ids[1]);
        Assert.Equal([Stage.Activist, Stage.Applicant], back.Stages.Select(s => s.Stage));
        Assert.Equal(Stage.Applicant, back.Stage);
        var decision = await read.StageDecisions.SingleAsync();
        Assert.Equal((StageDecisionKind.Stopped, "无进步"), (decision.Kind, decision.Note));
    }
}
