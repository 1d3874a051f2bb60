using BranchBot.Domain.Assessment;
using BranchBot.Domain.Calendar;
using BranchBot.Domain.Meetings;

namespace BranchBot.Domain.Tests.Assessment;

public class AssessmentSheetTests
{
    private static readonly Branch Branch = new BranchBuilder().TrackingFrom("2025-09-01").Build();
    private static readonly Semester Autumn = new(At.Date("2025-09-01"), At.Date("2026-01-31"));

    private static Member Activist(int id = 1, int group = 1) => MemberBuilder.Activist(id).Since("2025-08-20").InGroup(group).MentoredBy(9).Build();
    private static Member Leader(int group = 1) => MemberBuilder.Full(20).InGroup(group).WithRoles(Roles.GroupLeader).Build();
    private static Member Committee() => MemberBuilder.Full(30).InGroup(5).WithRoles(Roles.Committee).Build();

    private static AssessmentSheet Sheet(Member member, FactIndex facts, DateTimeOffset now, IEnumerable<BranchDutyRecord>? duties = null, IEnumerable<ConductRecord>? conduct = null) =>
        AssessmentSheet.For(new ObligationSchedule(Branch, Policy.Default, [member], facts), member, Autumn, duties ?? [], conduct ?? [], now);

    [Fact]
    public void For_ReportsOfTheSemester_CountsHandedInOwedAndLeaveExcused()
    {
        var member = Activist();
        var leave = new Leave(member.Id, LeaveKind.Sick, At.Date("2025-11-01"), At.Date("2025-11-30"), "病假", 30, At.Cst("2025-10-30 09:00:00"));
        var facts = new FactIndex(
            [
                Fact.Report(member.Id, "2025-09", At.Cst("2025-09-20 10:00:00")),
                Fact.Report(member.Id, "2025-10", At.Cst("2025-11-02 10:00:00")), // late, still handed in
                Fact.Report(member.Id, "2026-02", At.Cst("2026-01-25 10:00:00")), // the spring semester's
            ],
            calendar: new AcademicCalendar(leaves: [leave]));

        var sheet = Sheet(member, facts, At.Cst("2026-01-20 12:00:00"));

        Assert.Equal(2, sheet.ReportsHandedIn);
        Assert.Equal(1, sheet.ReportsExcused);
        Assert.Equal(2, sheet.ReportsOwed); // December missed, January open
    }

    [Fact]
    public void For_BeforeAMonthBegins_DoesNotOweIt()
    {
        var member = Activist();
        var sheet = Sheet(member, FactIndex.Empty, At.Cst("2025-10-31 23:59:59"));
        Assert.Equal(2, sheet.ReportsOwed); // September and October, not yet November
    }

    [Fact]
    public void For_Talks_CountsConfirmedAndUnconfirmedInsideTheSemester()
    {
        var member = Activist();
        var facts = new FactIndex(
        [
            FulfilmentFact.Talk(9, member.Id, At.Date("2025-09-01"), At.Cst("2025-09-01 20:00:00"), TalkAnswer.Confirmed),
            FulfilmentFact.Talk(9, member.Id, At.Date("2025-10-10"), At.Cst("2025-10-10 20:00:00"), TalkAnswer.Disputed),
            FulfilmentFact.Talk(9, member.Id, At.Date("2026-01-31"), At.Cst("2026-01-31 20:00:00")),
            FulfilmentFact.Talk(9, member.Id, At.Date("2025-08-31"), At.Cst("2025-08-31 20:00:00"), TalkAnswer.Confirmed), // summer
            FulfilmentFact.Talk(9, member.Id, At.Date("2026-02-01"), At.Cst("2026-02-01 20:00:00"), TalkAnswer.Confirmed), // spring
            FulfilmentFact.Talk(9, 2, At.Date("2025-10-10"), At.Cst("2025-10-10 20:00:00"), TalkAnswer.Confirmed), // someone else
        ]);

        var sheet = Sheet(member, facts, At.Cst("2026-02-10 12:00:00"));

        Assert.Equal(1, sheet.TalksConfirmed);
        Assert.Equal(2, sheet.TalksUnconfirmed);
        Assert.Equal(3, sheet.Talks);
    }

    [Fact]
    public void For_DutiesAndConduct_CountsByKindInsideTheSemester()
    {
        var member = Activist();
        BranchDutyRecord Duty(BranchDutyKind kind, string date, int who = 1) => new(who, kind, At.Date(date), null, 20, At.Cst("2026-02-02 10:00:00"));
        var duties = new[]
        {
            Duty(BranchDutyKind.DormCheck, "2025-09-01"), Duty(BranchDutyKind.DormCheck, "2026-01-31"), Duty(BranchDutyKind.Cleaning, "2025-12-01"),
            Duty(BranchDutyKind.DutyShift, "2026-02-01"), Duty(BranchDutyKind.ClassCheck, "2025-10-01", who: 2),
        };
        var conduct = new[]
        {
            new ConductRecord(member.Id, Autumn.Start, ConductRating.Good, "认真", 20, At.Cst("2026-01-10 10:00:00")),
            new ConductRecord(member.Id, At.Date("2026-02-01"), ConductRating.Excellent, null, 20, At.Cst("2026-03-10 10:00:00")),
        };

        var sheet = Sheet(member, FactIndex.Empty, At.Cst("2026-03-20 12:00:00"), duties, conduct);

        Assert.Equal(2, sheet.Duties[BranchDutyKind.DormCheck]);
        Assert.Equal(1, sheet.Duties[BranchDutyKind.Cleaning]);
        Assert.Equal(0, sheet.Duties[BranchDutyKind.DutyShift]);
        Assert.Equal(0, sheet.Duties[BranchDutyKind.ClassCheck]);
        Assert.Equal(3, sheet.DutiesTotal);
        Assert.Equal(ConductRating.Good, sheet.Conduct?.Rating);
    }

    [Theory]
    [InlineData("2026-03-10", "2026-03-10", AssessmentRefusal.None)]
    [InlineData("2026-03-10", "2026-02-01", AssessmentRefusal.None)]   // this semester's first day
    [InlineData("2026-03-10", "2025-09-01", AssessmentRefusal.None)]   // the last semester's first day
    [InlineData("2026-03-10", "2025-08-31", AssessmentRefusal.OutsideSemesters)]
    [InlineData("2026-03-10", "2026-03-11", AssessmentRefusal.InFuture)]
    [InlineData("2026-08-15", "2026-07-31", AssessmentRefusal.None)]   // August: the spring semester is still the latest
    [InlineData("2026-08-15", "2025-09-01", AssessmentRefusal.None)]
    [InlineData("2026-08-15", "2026-08-10", AssessmentRefusal.OutsideSemesters)] // the summer is in no semester
    [InlineData("2026-09-01", "2026-02-01", AssessmentRefusal.None)]
    [InlineData("2026-09-01", "2026-01-31", AssessmentRefusal.OutsideSemesters)]
    public void CheckDuty_Dates_AllowThisAndTheLastSemesterOnly(string today, string date, AssessmentRefusal expected) =>
        Assert.Equal(expected, AssessmentRules.CheckDuty(Leader(), Activist(), At.Date(date), At.Date(today), null));

    [Fact]
    public void CheckDuty_Recorders_LeaderOfTheGroupAndCommitteeOnly()
    {
        var today = At.Date("2026-03-10");
        var activist = Activist(group: 1);
        Assert.Equal(AssessmentRefusal.None, AssessmentRules.CheckDuty(Leader(group: 1), activist, today, today, null));
        Assert.Equal(AssessmentRefusal.None, AssessmentRules.CheckDuty(Committee(), activist, today, today, null));
        Assert.Equal(AssessmentRefusal.NotPermitted, AssessmentRules.CheckDuty(Leader(group: 2), activist, today, today, null));
        Assert.Equal(AssessmentRefusal.NotPermitted, AssessmentRules.CheckDuty(Activist(id: 2), activist, today, today, null));
        Assert.Equal(AssessmentRefusal.NotAnActivist, AssessmentRules.CheckDuty(Leader(group: 1), MemberBuilder.Full(3).InGroup(1).Build(), today, today, null));
    }

    [Fact]
    public void CheckConduct_SemesterStart_ThisOrTheLastOnly()
    {
        var today = At.Date("2026-03-10");
        Assert.Equal(AssessmentRefusal.None, AssessmentRules.CheckConduct(Leader(), Activist(), At.Date("2026-02-01"), today, null));
        Assert.Equal(AssessmentRefusal.None, AssessmentRules.CheckConduct(Leader(), Activist(), At.Date("2025-09-01"), today, null));
        Assert.Equal(AssessmentRefusal.OutsideSemesters, AssessmentRules.CheckConduct(Leader(), Activist(), At.Date("2025-02-01"), today, null));
        Assert.Equal(AssessmentRefusal.OutsideSemesters, AssessmentRules.CheckConduct(Leader(), Activist(), At.Date("2026-02-02"), today, null));
    }
}
