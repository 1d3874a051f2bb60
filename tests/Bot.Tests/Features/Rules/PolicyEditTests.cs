using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Meetings;

namespace BranchBot.Bot.Tests.Features.Rules;

/// <summary>The rules editor's one validation, as the chat card and the tab use it: every field's bounds, an error per field.</summary>
public sealed class PolicyEditTests
{
    private static readonly Policy Old = Policy.Default;

    private static PolicyEditResult Read(params (string Field, string? Value)[] changes)
    {
        var values = PolicyEdit.Values(Old).ToDictionary(v => v.Key, v => (string?)v.Value);
        foreach (var (field, value) in changes) values[field] = value;
        return PolicyEdit.Read(Old, id => values.GetValueOrDefault(id));
    }

    [Fact]
    public void Read_TheShownValues_GivesThePolicyBack()
    {
        var result = Read();

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(Old, result.Policy);
    }

    [Fact]
    public void Read_EveryFixedField_IsStoredWhereTheDomainReadsIt()
    {
        var result = Read(
            (PolicyCard.DueSoonInput, "5"), (PolicyCard.ExtensionInput, "14"), (PolicyEdit.DaysAfterBreakInput, "3"),
            (PolicyEdit.CommitteePerWeekInput, "2"), (PolicyEdit.GroupPerMonthInput, "１"), (PolicyEdit.GeneralPerSemesterInput, "4"),
            (PolicyEdit.LecturePerSemesterInput, "0"), (PolicyEdit.CheckInBeforeInput, "15"), (PolicyEdit.CheckInAfterInput, "240"),
            (PolicyEdit.SelectionNoticeInput, "10"), (PolicyEdit.EvaluationPeersInput, "5"), (PolicyEdit.PassMarkInput, "59.5"));

        var policy = Assert.IsType<Policy>(result.Policy);
        Assert.Equal((5, 14, 3, 10), (policy.DueSoonDays, policy.ExtensionDays, policy.DaysAfterBreak, policy.SelectionNoticeDays));
        Assert.Equal(new MeetingQuotas(2, 1, 4, 0, 15, 240), policy.Meetings);
        Assert.Equal(new EvaluationPolicy(5, 59.5m), policy.Evaluation);
        Assert.Equal(Old.Rules, policy.Rules);
    }

    [Fact]
    public void Read_RuleFields_ChangeOnlyThatRule()
    {
        var result = Read((PolicyCard.OffsetsInputPrefix + "1", "5，2"), (PolicyCard.TimeInputPrefix + "1", "8:30"),
            (PolicyCard.GraceInputPrefix + "1", "4"), (PolicyCard.MinLengthInputPrefix + "0", "300"));

        var policy = Assert.IsType<Policy>(result.Policy);
        Assert.Equal([5, 2], policy.Rules[1].ReminderOffsetsDays);
        Assert.Equal((new TimeOnly(8, 30), 4), (policy.Rules[1].ReminderTime, policy.Rules[1].GraceDays));
        Assert.Equal(300, policy.Rules[0].MinLength);
        Assert.Equal(Old.Rules.Skip(2), policy.Rules.Skip(2));
    }

    public static TheoryData<string, string, bool> Bounds() => new()
    {
        { PolicyCard.DueSoonInput, "0", true }, { PolicyCard.DueSoonInput, "31", true }, { PolicyCard.DueSoonInput, "32", false }, { PolicyCard.DueSoonInput, "-1", false },
        { PolicyCard.ExtensionInput, "1", true }, { PolicyCard.ExtensionInput, "92", true }, { PolicyCard.ExtensionInput, "0", false }, { PolicyCard.ExtensionInput, "93", false },
        { PolicyEdit.DaysAfterBreakInput, "0", true }, { PolicyEdit.DaysAfterBreakInput, "30", true }, { PolicyEdit.DaysAfterBreakInput, "31", false },
        { PolicyEdit.CommitteePerWeekInput, "0", true }, { PolicyEdit.CommitteePerWeekInput, "20", true }, { PolicyEdit.CommitteePerWeekInput, "21", false },
        { PolicyEdit.GroupPerMonthInput, "20", true }, { PolicyEdit.GroupPerMonthInput, "21", false },
        { PolicyEdit.GeneralPerSemesterInput, "20", true }, { PolicyEdit.GeneralPerSemesterInput, "21", false },
        { PolicyEdit.LecturePerSemesterInput, "0", true }, { PolicyEdit.LecturePerSemesterInput, "2.5", false },
        { PolicyEdit.CheckInBeforeInput, "0", true }, { PolicyEdit.CheckInBeforeInput, "240", true }, { PolicyEdit.CheckInBeforeInput, "241", false },
        { PolicyEdit.CheckInAfterInput, "240", true }, { PolicyEdit.CheckInAfterInput, "241", false },
        { PolicyEdit.SelectionNoticeInput, "1", true }, { PolicyEdit.SelectionNoticeInput, "31", true }, { PolicyEdit.SelectionNoticeInput, "0", false }, { PolicyEdit.SelectionNoticeInput, "32", false },
        { PolicyEdit.EvaluationPeersInput, "1", true }, { PolicyEdit.EvaluationPeersInput, "20", true }, { PolicyEdit.EvaluationPeersInput, "0", false }, { PolicyEdit.EvaluationPeersInput, "21", false },
        { PolicyEdit.PassMarkInput, "0", true }, { PolicyEdit.PassMarkInput, "100", true }, { PolicyEdit.PassMarkInput, "60.5", true },
        { PolicyEdit.PassMarkInput, "60.25", false }, { PolicyEdit.PassMarkInput, "100.1", false }, { PolicyEdit.PassMarkInput, "-1", false }, { PolicyEdit.PassMarkInput, "6O", false }, { PolicyEdit.PassMarkInput, "60.", false },
        { PolicyCard.OffsetsInputPrefix + "0", "180", true }, { PolicyCard.OffsetsInputPrefix + "0", "1,2,3,4,5,6", true },
        { PolicyCard.OffsetsInputPrefix + "0", "181", false }, { PolicyCard.OffsetsInputPrefix + "0", "0", false }, { PolicyCard.OffsetsInputPrefix + "0", "7,7", false },
        { PolicyCard.OffsetsInputPrefix + "0", "1,2,3,4,5,6,7", false },
        { PolicyCard.TimeInputPrefix + "0", "0:00", true }, { PolicyCard.TimeInputPrefix + "0", "23:59", true }, { PolicyCard.TimeInputPrefix + "0", "24:00", false }, { PolicyCard.TimeInputPrefix + "0", "9", false },
        { PolicyCard.GraceInputPrefix + "0", "0", true }, { PolicyCard.GraceInputPrefix + "0", "92", true }, { PolicyCard.GraceInputPrefix + "0", "93", false },
        { PolicyCard.MinLengthInputPrefix + "0", "0", true }, { PolicyCard.MinLengthInputPrefix + "0", "10000", true }, { PolicyCard.MinLengthInputPrefix + "0", "10001", false },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Read_ValueAtOrPastItsBound_IsAcceptedOrRefusedNamingThatFieldAlone(string field, string value, bool accepted)
    {
        var result = Read((field, value));

        Assert.Equal(accepted, result.IsValid);
        if (accepted) Assert.Empty(result.Errors);
        else
        {
            Assert.Null(result.Policy);
            Assert.Equal(field, Assert.Single(result.Errors).Field);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void Read_MissingEmptyOrTooLongValue_IsAnErrorOfItsField(string? value)
    {
        foreach (var field in PolicyEdit.Fields(Old))
            Assert.Equal(field.Id, Assert.Single(Read((field.Id, value)).Errors).Field);
    }

    [Fact]
    public void Read_SeveralBadFields_ListsEachWithItsHint()
    {
        var result = Read((PolicyCard.GraceInputPrefix + "2", "x"), (PolicyEdit.PassMarkInput, "101"), (PolicyEdit.CheckInAfterInput, "999"));

        Assert.Equal(
            [new PolicyFieldError(PolicyCard.GraceInputPrefix + "2", "policy.hint.range", 0, 92),
             new PolicyFieldError(PolicyEdit.CheckInAfterInput, "policy.hint.range", 0, 240),
             new PolicyFieldError(PolicyEdit.PassMarkInput, "policy.hint.passMark", 0m, 100m)],
            result.Errors);
    }

    [Fact]
    public void Read_KeepsWhatTheEditorDoesNotShow()
    {
        var old = new Policy(Policy.Default.Rules, returnedCountsAsDone: true);
        var values = PolicyEdit.Values(old).ToDictionary(v => v.Key, v => (string?)v.Value);
        values[PolicyCard.DueSoonInput] = "4";

        var policy = PolicyEdit.Read(old, id => values.GetValueOrDefault(id)).Policy!;

        Assert.True(policy.ReturnedCountsAsDone);
        Assert.Equal(4, policy.DueSoonDays);
    }

    [Theory]
    [InlineData(Language.ZhCn, "grace_2", "入党积极分子 · 截止日后宽限天数")]
    [InlineData(Language.EnUs, "evaluationPassMark", "Half-yearly evaluation: pass mark")]
    [InlineData(Language.ZhTw, "checkInMinutesBefore", "簽到：開始前幾分鐘開放")]
    public void FieldName_NamesTheRuleAndTheLabelInTheLanguage(Language language, string field, string expected)
    {
        Assert.EndsWith(expected, PolicyEdit.FieldName(language, Old, field), StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_NameTheChangedFieldsWithBeforeAndAfter()
    {
        var changed = Read((PolicyEdit.GroupPerMonthInput, "3"), (PolicyCard.TimeInputPrefix + "0", "20:00")).Policy!;

        Assert.Equal([(PolicyCard.TimeInputPrefix + "0", "09:00", "20:00"), (PolicyEdit.GroupPerMonthInput, "2", "3")], PolicyEdit.Differences(Old, changed));
    }
}
