using BranchBot.Domain.Dues;
using BranchBot.Domain.Transfers;

namespace BranchBot.Domain.Tests.Dues;

public sealed class DuesRulesTests
{
    private static readonly DateTimeOffset Now = At.Cst("2026-11-19 10:00:00");

    [Theory]
    [InlineData("0.50", null)]
    [InlineData("12", null)]
    [InlineData("1000.00", null)]
    [InlineData("-1", AmountProblem.Negative)]
    [InlineData("0", AmountProblem.Zero)]
    [InlineData("0.001", AmountProblem.TooManyDecimals)]
    [InlineData("1000.01", AmountProblem.TooLarge)]
    [InlineData("1e3", AmountProblem.NotANumber)]
    [InlineData("1,000", AmountProblem.NotANumber)]
    [InlineData("", AmountProblem.NotANumber)]
    [InlineData("abc", AmountProblem.NotANumber)]
    public void TryParse_TypedAmount_AcceptsYuanWithFenAndRefusesTheRestWithItsReason(string text, AmountProblem? expected)
    {
        var problem = DuesAmount.TryParse(text, DuesAmount.MaxMonthly, out var amount);

        Assert.Equal(expected, problem);
        if (expected is null) Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), amount);
        else Assert.Equal(0m, amount);
    }

    [Theory]
    [InlineData("2026-11", "2026-11-20")]
    [InlineData("2026-02", "2026-02-20")]
    [InlineData("2028-02", "2028-02-20")]
    [InlineData("2026-12", "2026-12-20")]
    public void ReminderOn_AMonth_IsItsTwentieth(string month, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DuesRules.ReminderOn(At.P(month)));
    }

    [Fact]
    public void ReminderOn_AQuarter_Throws()
    {
        Assert.Throws<ArgumentException>(() => DuesRules.ReminderOn(new Period(Cadence.Quarterly, 2026, 4)));
    }

    [Fact]
    public void TryParse_TenThousandsOfFen_StaysExact()
    {
        var sum = 0m;
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Null(DuesAmount.TryParse("0.10", DuesAmount.MaxMonthly, out var tenFen));
            sum += tenFen;
        }

        Assert.Equal(1000.00m, sum);
    }

    [Fact]
    public void Owes_ByStageOnTheMonthsLastDay_ProbationaryAndFullOnly()
    {
        var activist = MemberBuilder.Activist(1).Since("2025-09-01").Build();
        var becameProbationary = MemberBuilder.Activist(2).Since("2025-09-01").Then(Stage.Probationary, "2026-06-15").Build();
        var full = MemberBuilder.Full(3).Since("2020-01-01").Build();

        Assert.False(DuesRules.Owes(activist, At.P("2026-06")));
        Assert.False(DuesRules.Owes(becameProbationary, At.P("2026-05")));
        Assert.True(DuesRules.Owes(becameProbationary, At.P("2026-06")));
        Assert.True(DuesRules.Owes(full, At.P("2026-06")));
    }

    [Fact]
    public void Owes_AfterTheTransfer_Nothing()
    {
        var member = MemberBuilder.Full(3).Since("2020-01-01").Build();
        member.TransferOut(At.Date("2026-06-20"));

        Assert.True(DuesRules.Owes(member, At.P("2026-05")));
        Assert.False(DuesRules.Owes(member, At.P("2026-06")));
        Assert.False(DuesRules.Owes(member, At.P("2026-07")));
    }

    [Fact]
    public void RateFor_SeveralRates_TheLatestFromAMonthNotAfterIt()
    {
        DuesRate[] rates = [new(7, At.P("2026-01"), 0.20m, 1, Now), new(7, At.P("2026-09"), 0.50m, 1, Now), new(8, At.P("2025-01"), 9m, 1, Now)];

        Assert.Null(DuesRules.RateFor(rates, 7, At.P("2025-12")));
        Assert.Equal(0.20m, DuesRules.RateFor(rates, 7, At.P("2026-08")));
        Assert.Equal(0.50m, DuesRules.RateFor(rates, 7, At.P("2026-09")));
        Assert.Equal(0.50m, DuesRules.RateFor(rates, 7, At.P("2027-02")));
    }

    [Fact]
    public void Payment_WithThreeDecimals_IsRefusedByItsConstructor() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuesPayment(1, At.P("2026-11"), 0.125m, "R1", At.Date("2026-11-02"), 2, Now));

    [Fact]
    public void For_AYearWithOneUnpaidMonth_SumsExpectedCollectedAndRemittedExactly()
    {
        var a = MemberBuilder.Full(1).Since("2020-01-01").Build();
        var b = MemberBuilder.Probationary(2).Since("2026-06-01").Build();
        var activist = MemberBuilder.Activist(3).Since("2025-09-01").Build();
        DuesRate[] rates = [new(1, At.P("2026-01"), 0.50m, 9, Now), new(2, At.P("2026-06"), 0.20m, 9, Now)];
        var payments = new List<DuesPayment>();
        foreach (var month in new[] { "2026-09", "2026-10", "2026-11" })
            payments.Add(new DuesPayment(1, At.P(month), 0.50m, "A-" + month, At.P(month).Start, 9, Now));
        payments.Add(new DuesPayment(2, At.P("2026-09"), 0.20m, "B-09", At.Date("2026-09-05"), 9, Now));
        payments.Add(new DuesPayment(2, At.P("2026-10"), 0.20m, "B-10", At.Date("2026-10-05"), 9, Now));
        DuesRemittance[] remitted = [new(At.P("2026-09"), 0.70m, "UP-09", At.Date("2026-10-08"), 9, Now)];

        var year = DuesFigures.For(2026, At.Date("2026-11-19"), [a, b, activist], rates, payments, remitted);

        Assert.Equal(11, year.Months.Count); // December has not begun
        var november = year.Months[^1];
        Assert.Equal((2, 1, 0.70m, 0.50m), (november.Owing, november.Paid, november.Expected, november.Collected));
        Assert.Equal([2], november.Unpaid);
        Assert.Equal(0.70m, year.Months[8].Remitted);
        Assert.Equal("UP-09", year.Months[8].RemittanceReceipt);
        Assert.Equal(11 * 0.50m + 6 * 0.20m, year.Expected);
        Assert.Equal(1.90m, year.Collected);
        Assert.Equal(0.70m, year.Remitted);
        Assert.Equal(new DuesPersonYear(6, 2, 0.40m), year.ByMember[2]);
        Assert.False(year.ByMember.ContainsKey(3));
        Assert.Equal([1, 2], year.Unpaid); // member 1 paid nothing from January to August
    }

    [Fact]
    public void For_AMemberWithoutARate_IsListedNotCounted()
    {
        var a = MemberBuilder.Full(1).Since("2020-01-01").Build();

        var month = DuesFigures.For(2026, At.Date("2026-01-31"), [a], [], [], []).Months.Single();

        Assert.Equal((0m, 1), (month.Expected, month.Owing));
        Assert.Equal([1], month.WithoutRate);
    }
}

public sealed class TransferRulesTests
{
    private static readonly DateTimeOffset Now = At.Cst("2026-06-10 10:00:00");
    private static readonly Member Secretary = MemberBuilder.Full(90).Since("2020-01-01").WithRoles(Roles.Secretary).Build();

    private static Member Graduate(int id, string on, Stage stage = Stage.Full)
    {
        var m = new MemberBuilder().WithId(id).AtStage(stage).Since("2024-01-01").Build();
        m.SetGraduation(At.Date(on));
        return m;
    }

    [Fact]
    public void Graduating_TheYearsPartyMembers_OrderedByGraduationDate()
    {
        Member[] members = [Graduate(1, "2026-07-01"), Graduate(2, "2026-06-20"), Graduate(3, "2026-06-20", Stage.Activist), Graduate(4, "2027-06-20")];

        Assert.Equal([2, 1], TransferRules.Graduating(members, 2026).Select(m => m.Id));
    }

    [Theory]
    [InlineData("2026-06-10", null)]
    [InlineData("2026-06-11", TransferProblem.InFuture)]
    public void CheckLetter_Dated_RefusesTheFuture(string issuedOn, TransferProblem? expected) =>
        Assert.Equal(expected, TransferRules.CheckLetter(Secretary, Graduate(1, "2026-06-30"), null, At.Date(issuedOn), At.Date("2026-06-10")));

    [Fact]
    public void CheckLetter_ByAMemberOffTheCommittee_OrTwice_OrForAnActivist_IsRefused()
    {
        var graduate = Graduate(1, "2026-06-30");
        var existing = new Transfer(1, At.Date("2026-06-01"), "某市某区委组织部", 90, Now);

        Assert.Equal(TransferProblem.NotCommittee, TransferRules.CheckLetter(graduate, graduate, null, At.Date("2026-06-01"), At.Date("2026-06-10")));
        Assert.Equal(TransferProblem.AlreadyIssued, TransferRules.CheckLetter(Secretary, graduate, existing, At.Date("2026-06-01"), At.Date("2026-06-10")));
        Assert.Equal(TransferProblem.NotAPartyMember, TransferRules.CheckLetter(Secretary, Graduate(2, "2026-06-30", Stage.Activist), null, At.Date("2026-06-01"), At.Date("2026-06-10")));
    }

    [Fact]
    public void CheckReceipt_BeforeTheLetterOrTwice_IsRefused()
    {
        var transfer = new Transfer(1, At.Date("2026-06-05"), "某公司党委", 90, Now);

        Assert.Equal(TransferProblem.BeforeLetter, TransferRules.CheckReceipt(Secretary, transfer, At.Date("2026-06-04"), At.Date("2026-07-01")));
        Assert.Equal(TransferProblem.NoLetter, TransferRules.CheckReceipt(Secretary, null, At.Date("2026-06-04"), At.Date("2026-07-01")));
        Assert.True(TransferRules.IsChased(transfer));
        transfer.RecordReceipt(At.Date("2026-06-30"), 90);
        Assert.False(TransferRules.IsChased(transfer));
        Assert.Equal(TransferProblem.AlreadyReceived, TransferRules.CheckReceipt(Secretary, transfer, At.Date("2026-06-30"), At.Date("2026-07-01")));
    }

    [Fact]
    public void For_AYear_CountsLettersReceiptsAndTheMissing()
    {
        Member[] members = [Graduate(1, "2026-06-30"), Graduate(2, "2026-06-30"), Graduate(3, "2026-07-10")];
        var back = new Transfer(1, At.Date("2026-06-05"), "A", 90, Now);
        back.RecordReceipt(At.Date("2026-06-25"), 90);
        Transfer[] transfers = [back, new(2, At.Date("2026-06-06"), "B", 90, Now)];

        var year = TransferFigures.For(2026, members, transfers);

        Assert.Equal([1, 2, 3], year.Graduating);
        Assert.Equal([3], year.WithoutLetter);
        Assert.Equal([1, 2], year.LettersIssued);
        Assert.Equal([1], year.ReceiptsReceived);
        Assert.Equal([2], year.ReceiptsMissing);
    }

    [Fact]
    public void Schedule_ATransferredMember_OwesNoPeriodEndingOnOrAfterTheTransfer()
    {
        var member = MemberBuilder.Probationary(5).Since("2025-09-01").Build();
        member.TransferOut(At.Date("2026-06-20"));
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [member], new FactIndex());

        var owed = schedule.OwedBy(member, At.Date("2026-04-01"), At.Date("2026-08-31"));

        Assert.NotEmpty(owed);
        Assert.All(owed, o => Assert.True(o.Period.End < At.Date("2026-06-20"), o.Period.Key));
        Assert.Contains(owed, o => o.Period == At.P("2026-05"));
    }

    [Theory]
    [InlineData("1.5", "1.50")]
    [InlineData("3", "3.00")]
    [InlineData("0.125", "0.12")]
    [InlineData("12.34", "12.34")]
    public void ToFen_AnAmountAsTheDatabaseGivesItBack_HasExactlyTwoDecimals(string stored, string expected)
    {
        var amount = decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, DuesAmount.ToFen(amount).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MayCorrect_ACommitteeMemberBeforeTheRemittance_OnlyThen()
    {
        var secretary = MemberBuilder.Full(1).Since("2020-01-01").WithRoles(Roles.Secretary).Build();
        var member = MemberBuilder.Full(2).Since("2020-01-01").Build();
        var remitted = new DuesRemittance(At.P("2026-11"), 21.50m, "SJ-1", At.Date("2026-11-25"), 1, Now);

        Assert.True(DuesRules.MayCorrect(secretary, null));
        Assert.False(DuesRules.MayCorrect(secretary, remitted));
        Assert.False(DuesRules.MayCorrect(member, null));
    }
}
