using System.Text.Json;
using BranchBot.Domain.Evaluations;

namespace BranchBot.Domain.Tests;

public class PolicyTests
{
    [Theory]
    [InlineData(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, Cadence.Monthly)]
    [InlineData(ObligationKind.Talk, Stage.Activist, Owner.Mentor, Cadence.Monthly)]
    [InlineData(ObligationKind.ActivistEvaluation, Stage.Activist, Owner.Committee, Cadence.Quarterly)]
    [InlineData(ObligationKind.ThoughtReport, Stage.DevelopmentTarget, Owner.Self, Cadence.Monthly)]
    [InlineData(ObligationKind.Talk, Stage.DevelopmentTarget, Owner.Mentor, Cadence.Quarterly)]
    [InlineData(ObligationKind.ThoughtReport, Stage.Probationary, Owner.Self, Cadence.Monthly)]
    [InlineData(ObligationKind.BranchReport, Stage.Probationary, Owner.Self, Cadence.Quarterly)]
    [InlineData(ObligationKind.ProbationaryEvaluation, Stage.Probationary, Owner.Committee, Cadence.HalfYearly)]
    public void Default_SeedRule_IsPresentWithItsCadence(ObligationKind kind, Stage stage, Owner owner, Cadence cadence)
    {
        var rule = Policy.Default.Find(kind, stage, owner);

        Assert.NotNull(rule);
        Assert.Equal(cadence, rule.Cadence);
    }

    [Fact]
    public void Default_Settings_AreTheDocumentedDefaults()
    {
        var policy = Policy.Default;
        var report = policy.Find(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self)!;
        var talk = policy.Find(ObligationKind.Talk, Stage.Activist, Owner.Mentor)!;

        Assert.Equal(8, policy.Rules.Count);
        Assert.Equal(3, policy.DueSoonDays);
        Assert.Empty(policy.RulesFor(Stage.Full, Owner.Self));
        Assert.Equal([7, 3, 1], report.ReminderOffsetsDays);
        Assert.Equal(new TimeOnly(9, 0), report.ReminderTime);
        Assert.Equal(0, report.GraceDays);
        Assert.False(report.OwesPartialFirstPeriod);
        Assert.Equal(100, report.MinLength);
        Assert.Equal(0, talk.MinLength);
    }

    [Fact]
    public void Constructor_DuplicateKindStageOwner_Throws()
    {
        var rules = new List<PolicyRule>
        {
            new(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, Cadence.Monthly),
            new(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, Cadence.Quarterly),
        };

        var error = Assert.Throws<ArgumentException>(() => new Policy(rules));
        Assert.Contains("ThoughtReport / Activist / Self", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeDueSoonDays_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Policy([], dueSoonDays: -1));

    [Theory]
    [InlineData(ObligationKind.ThoughtReport, Owner.Mentor)]
    [InlineData(ObligationKind.Talk, Owner.Self)]
    [InlineData(ObligationKind.ActivistEvaluation, Owner.Self)]
    [InlineData(ObligationKind.BranchReport, Owner.Committee)]
    public void RuleConstructor_OwnerThatCannotOweTheKind_Throws(ObligationKind kind, Owner owner) =>
        Assert.Throws<ArgumentException>(() => new PolicyRule(kind, Stage.Activist, owner, Cadence.Monthly));

    [Fact]
    public void RuleConstructor_UnknownCadence_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolicyRule(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, (Cadence)5));

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 3, -1 })]
    [InlineData(new[] { 3, 3 })]
    public void ReminderOffsets_NotPositiveOrRepeated_Throw(int[] offsets) =>
        Assert.ThrowsAny<ArgumentException>(() => Rule() with { ReminderOffsetsDays = offsets });

    [Fact]
    public void ReminderOffsets_AnyOrder_AreKeptLargestFirst() =>
        Assert.Equal([10, 5, 2], (Rule() with { ReminderOffsetsDays = [2, 10, 5] }).ReminderOffsetsDays);

    [Fact]
    public void GraceDays_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule() with { GraceDays = -1 });

    [Fact]
    public void MinLength_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule() with { MinLength = -1 });

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    public void IsLongEnough_ChineseText_CountsCharacters(int length, bool expected) =>
        Assert.Equal(expected, Rule().IsLongEnough("  " + new string('学', length) + "\n"));

    [Fact]
    public void IsLongEnough_NoMinimum_AcceptsEmpty() =>
        Assert.True((Rule() with { MinLength = 0 }).IsLongEnough(""));

    [Fact]
    public void Json_PlainSystemTextJson_RoundTrips()
    {
        var policy = CustomPolicy();

        var copy = JsonSerializer.Deserialize<Policy>(JsonSerializer.Serialize(policy));

        Assert.Equal(policy, copy);
    }

    [Fact]
    public void Json_ToJsonFromJson_RoundTripsWithReadableEnums()
    {
        var policy = CustomPolicy();

        var json = policy.ToJson();
        var copy = Policy.FromJson(json);

        Assert.Equal(policy, copy);
        Assert.Contains("\"kind\": \"ThoughtReport\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reminderTime\": \"08:30:00\"", json, StringComparison.Ordinal);
        Assert.Equal(Policy.Default, Policy.FromJson(Policy.Default.ToJson()));
    }

    [Fact]
    public void FromJson_DuplicateRules_IsRejected()
    {
        const string json = """
            { "rules": [
                { "kind": "ThoughtReport", "subjectStage": "Activist", "owner": "Self", "cadence": "Monthly" },
                { "kind": "ThoughtReport", "subjectStage": "Activist", "owner": "Self", "cadence": "Monthly" } ],
              "dueSoonDays": 3 }
            """;

        Assert.ThrowsAny<ArgumentException>(() => Policy.FromJson(json));
    }

    [Fact]
    public void FromJson_OmittedSettings_TakeDefaults()
    {
        var policy = Policy.FromJson("""{ "rules": [ { "kind": "Talk", "subjectStage": "Activist", "owner": "Mentor", "cadence": "Monthly" } ] }""");

        var rule = Assert.Single(policy.Rules);
        Assert.Equal(3, policy.DueSoonDays);
        Assert.Equal([7, 3, 1], rule.ReminderOffsetsDays);
        Assert.Equal(new TimeOnly(9, 0), rule.ReminderTime);
    }

    [Fact]
    public void Equals_DifferentOffsets_NotEqual() =>
        Assert.NotEqual(Rule(), Rule() with { ReminderOffsetsDays = [5] });

    private static PolicyRule Rule() => new(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, Cadence.Monthly);

    private static Policy CustomPolicy() => new(
    [
        Rule() with { GraceDays = 2, ReminderOffsetsDays = [5, 1], ReminderTime = new TimeOnly(8, 30), MinLength = 300 },
        new(ObligationKind.ActivistEvaluation, Stage.Activist, Owner.Committee, Cadence.Quarterly) { OwesPartialFirstPeriod = true },
    ], dueSoonDays: 5);

    [Fact]
    public void SelectionNoticeDays_DefaultAWeek_StoredInTheJsonAndRangeChecked()
    {
        Assert.Equal(7, Policy.Default.SelectionNoticeDays);
        var tenDays = new Policy(Policy.Default.Rules, selectionNoticeDays: 10);

        Assert.Equal(10, Policy.FromJson(tenDays.ToJson()).SelectionNoticeDays);
        Assert.NotEqual(Policy.Default, tenDays);
        Assert.Equal(7, Policy.FromJson("""{"rules":[]}""").SelectionNoticeDays);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Policy(Policy.Default.Rules, selectionNoticeDays: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Policy(Policy.Default.Rules, selectionNoticeDays: 32));
    }
    [Fact]
    public void Evaluation_DefaultThreePeersAndSixty_StoredInTheJsonAndRangeChecked()
    {
        Assert.Equal(EvaluationPolicy.Default, Policy.Default.Evaluation);
        Assert.Equal((3, 60m), (Policy.Default.Evaluation.MinPeers, Policy.Default.Evaluation.PassMark));
        var custom = new Policy(Policy.Default.Rules, evaluation: new EvaluationPolicy(2, 62.5m));

        Assert.Equal(new EvaluationPolicy(2, 62.5m), Policy.FromJson(custom.ToJson()).Evaluation);
        Assert.Equal(custom, Policy.FromJson(custom.ToJson()));
        Assert.NotEqual(Policy.Default, custom);
        Assert.Equal(EvaluationPolicy.Default, Policy.FromJson("""{"rules":[]}""").Evaluation);
        Assert.Equal(new EvaluationPolicy(5, 60m), Policy.FromJson("""{"rules":[],"evaluation":{"minPeers":5}}""").Evaluation);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(21, 60)]
    [InlineData(3, -1)]
    [InlineData(3, 100.5)]
    [InlineData(3, 60.25)]
    public void Evaluation_OutOfRange_IsRefused(int minPeers, double passMark)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationPolicy(minPeers, (decimal)passMark));
        var mark = ((decimal)passMark).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.ThrowsAny<ArgumentException>(() => Policy.FromJson("{\"rules\":[],\"evaluation\":{\"minPeers\":" + minPeers + ",\"passMark\":" + mark + "}}"));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(20, 100)]
    [InlineData(3, 59.5)]
    public void Evaluation_AtTheBounds_IsKept(int minPeers, double passMark) =>
        Assert.Equal(((decimal)passMark, minPeers), (new EvaluationPolicy(minPeers, (decimal)passMark).PassMark, new EvaluationPolicy(minPeers, (decimal)passMark).MinPeers));

    [Fact]
    public void WithEdited_NewRulesAndDays_KeepsEveryOtherSetting()
    {
        var old = new Policy(Policy.Default.Rules, returnedCountsAsDone: true, daysAfterBreak: 3, selectionNoticeDays: 10, evaluation: new EvaluationPolicy(2, 70m));
        var rules = Policy.Default.Rules.Select(r => r with { GraceDays = r.GraceDays + 1 }).ToList();

        var edited = old.WithEdited(rules, dueSoonDays: 5, extensionDays: 14);

        Assert.Equal(rules, edited.Rules);
        Assert.Equal((5, 14), (edited.DueSoonDays, edited.ExtensionDays));
        Assert.Equal((true, old.Meetings, 3, 10, new EvaluationPolicy(2, 70m)), (edited.ReturnedCountsAsDone, edited.Meetings, edited.DaysAfterBreak, edited.SelectionNoticeDays, edited.Evaluation));
    }
}
