using System.Globalization;
using System.Text;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Meetings;

namespace BranchBot.Bot.Features.Rules;

/// <summary>Where a field of the rules form sits: a duty's rule, the branch-wide settings, meetings, the pipeline.</summary>
public enum PolicySection
{
    Rule,
    Branch,
    Meetings,
    Pipeline,
}

/// <summary>One editable value of the policy: its input id, its label's text key, its section and (for a rule) the rule's position.</summary>
public sealed record PolicyField(string Id, string LabelKey, PolicySection Section, int? RuleIndex = null);

/// <summary>Why the value typed into a field was refused: the field's id and a hint (text key and its arguments).</summary>
public sealed record PolicyFieldError(string Field, string HintKey, params object[] HintArgs)
{
    public bool Equals(PolicyFieldError? other) =>
        other is not null && Field == other.Field && HintKey == other.HintKey && HintArgs.SequenceEqual(other.HintArgs);

    public override int GetHashCode() => HashCode.Combine(Field, HintKey);
}

/// <summary>Either the edited policy or every field that was refused (never both).</summary>
public sealed record PolicyEditResult(Policy? Policy, IReadOnlyList<PolicyFieldError> Errors)
{
    public bool IsValid => Policy is not null;
}

/// <summary>
/// The rules editor's one validation, shared by the chat card (<see cref="PolicyFlow"/>) and the tab's rules page: the
/// values as typed (strings, by field id) against the policy they were shown from, giving the new policy or the list of
/// errors, each naming its field. The bounds are the Domain's (the constructors would throw) plus the editor's own
/// sane limits on what the Domain leaves open (how many reminders, how long a grace).
/// </summary>
public static class PolicyEdit
{
    public const int MaxReminders = 6;
    public const int MaxOffsetDays = 180;
    public const int MaxGraceDays = 92;
    public const int MaxMinLength = 10_000;
    public const int MaxDueSoonDays = 31;
    public const int MaxValueLength = 40;

    public const string CommitteePerWeekInput = "committeePerWeek";
    public const string GroupPerMonthInput = "groupPerMonth";
    public const string GeneralPerSemesterInput = "generalPerSemester";
    public const string LecturePerSemesterInput = "lecturePerSemester";
    public const string CheckInBeforeInput = "checkInMinutesBefore";
    public const string CheckInAfterInput = "checkInMinutesAfter";
    public const string DaysAfterBreakInput = "daysAfterBreak";
    public const string SelectionNoticeInput = "selectionNoticeDays";
    public const string EvaluationPeersInput = "evaluationMinPeers";
    public const string PassMarkInput = "evaluationPassMark";

    /// <summary>The fields of a policy, in the order the card and the page show them.</summary>
    public static IReadOnlyList<PolicyField> Fields(Policy policy)
    {
        var fields = new List<PolicyField>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            fields.Add(new(PolicyCard.OffsetsInputPrefix + n, "policy.offsetsLabel", PolicySection.Rule, i));
            fields.Add(new(PolicyCard.TimeInputPrefix + n, "policy.timeLabel", PolicySection.Rule, i));
            fields.Add(new(PolicyCard.GraceInputPrefix + n, "policy.graceLabel", PolicySection.Rule, i));
            if (policy.Rules[i].IsWritten) fields.Add(new(PolicyCard.MinLengthInputPrefix + n, "policy.minLengthLabel", PolicySection.Rule, i));
        }
        fields.AddRange(FixedFields);
        return fields;
    }

    /// <summary>The fields that every policy has (not per rule), with their labels: the feature declares these labels.</summary>
    public static IReadOnlyList<PolicyField> FixedFields { get; } =
    [
        new(PolicyCard.DueSoonInput, "policy.dueSoonLabel", PolicySection.Branch),
        new(PolicyCard.ExtensionInput, "policy.extensionLabel", PolicySection.Branch),
        new(DaysAfterBreakInput, "policy.daysAfterBreakLabel", PolicySection.Branch),
        new(CommitteePerWeekInput, "policy.committeePerWeekLabel", PolicySection.Meetings),
        new(GroupPerMonthInput, "policy.groupPerMonthLabel", PolicySection.Meetings),
        new(GeneralPerSemesterInput, "policy.generalPerSemesterLabel", PolicySection.Meetings),
        new(LecturePerSemesterInput, "policy.lecturePerSemesterLabel", PolicySection.Meetings),
        new(CheckInBeforeInput, "policy.checkInBeforeLabel", PolicySection.Meetings),
        new(CheckInAfterInput, "policy.checkInAfterLabel", PolicySection.Meetings),
        new(SelectionNoticeInput, "policy.selectionNoticeLabel", PolicySection.Pipeline),
        new(EvaluationPeersInput, "policy.evaluationPeersLabel", PolicySection.Pipeline),
        new(PassMarkInput, "policy.passMarkLabel", PolicySection.Pipeline),
    ];

    /// <summary>Every field's current value, as the form shows it (and as <see cref="Read"/> reads it back unchanged).</summary>
    public static IReadOnlyDictionary<string, string> Values(Policy policy)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            values[PolicyCard.OffsetsInputPrefix + n] = string.Join(",", rule.ReminderOffsetsDays.Select(Inv));
            values[PolicyCard.TimeInputPrefix + n] = rule.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            values[PolicyCard.GraceInputPrefix + n] = Inv(rule.GraceDays);
            if (rule.IsWritten) values[PolicyCard.MinLengthInputPrefix + n] = Inv(rule.MinLength);
        }
        var m = policy.Meetings;
        values[PolicyCard.DueSoonInput] = Inv(policy.DueSoonDays);
        values[PolicyCard.ExtensionInput] = Inv(policy.ExtensionDays);
        values[DaysAfterBreakInput] = Inv(policy.DaysAfterBreak);
        values[CommitteePerWeekInput] = Inv(m.CommitteePerWeek);
        values[GroupPerMonthInput] = Inv(m.GroupPerMonth);
        values[GeneralPerSemesterInput] = Inv(m.GeneralPerSemester);
        values[LecturePerSemesterInput] = Inv(m.LecturePerSemester);
        values[CheckInBeforeInput] = Inv(m.CheckInMinutesBefore);
        values[CheckInAfterInput] = Inv(m.CheckInMinutesAfter);
        values[SelectionNoticeInput] = Inv(policy.SelectionNoticeDays);
        values[EvaluationPeersInput] = Inv(policy.Evaluation.MinPeers);
        values[PassMarkInput] = policy.Evaluation.PassMark.ToString("0.#", CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>
    /// The policy the typed values ask for, every value checked; <paramref name="value"/> gives a field's text by id (null
    /// when it was not sent: a missing field is refused like an empty one). Settings the editor does not show are kept.
    /// </summary>
    public static PolicyEditResult Read(Policy old, Func<string, string?> value)
    {
        var errors = new List<PolicyFieldError>();
        string? Text(string id) => value(id) is { } text && text.Trim() is { Length: > 0 and <= MaxValueLength } trimmed ? trimmed.Normalize(NormalizationForm.FormKC) : null;
        int Int(string id, int min, int max)
        {
            var text = Text(id);
            if (text is { Length: <= 6 } && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var n && n >= min && n <= max) return n;
            errors.Add(new PolicyFieldError(id, "policy.hint.range", min, max));
            return min;
        }

        var rules = new List<PolicyRule>(old.Rules.Count);
        for (var i = 0; i < old.Rules.Count; i++)
        {
            var rule = old.Rules[i];
            var n = i.ToString(CultureInfo.InvariantCulture);

            var offsetsId = PolicyCard.OffsetsInputPrefix + n;
            var offsets = Offsets(Text(offsetsId));
            if (offsets is null) errors.Add(new PolicyFieldError(offsetsId, "policy.hint.offsets", MaxReminders, MaxOffsetDays));

            var timeId = PolicyCard.TimeInputPrefix + n;
            var timeOk = TimeOnly.TryParseExact(Text(timeId), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time);
            if (!timeOk) errors.Add(new PolicyFieldError(timeId, "policy.hint.time"));

            var grace = Int(PolicyCard.GraceInputPrefix + n, 0, MaxGraceDays);
            var minLength = rule.IsWritten ? Int(PolicyCard.MinLengthInputPrefix + n, 0, MaxMinLength) : rule.MinLength;
            if (offsets is not null && timeOk)
                rules.Add(rule.IsWritten
                    ? rule with { ReminderOffsetsDays = offsets, ReminderTime = time, GraceDays = grace, MinLength = minLength }
                    : rule with { ReminderOffsetsDays = offsets, ReminderTime = time, GraceDays = grace });
        }

        var dueSoon = Int(PolicyCard.DueSoonInput, 0, MaxDueSoonDays);
        var extension = Int(PolicyCard.ExtensionInput, 1, 92);
        var daysAfterBreak = Int(DaysAfterBreakInput, 0, 30);
        var committee = Int(CommitteePerWeekInput, 0, MeetingQuotas.MaxCount);
        var group = Int(GroupPerMonthInput, 0, MeetingQuotas.MaxCount);
        var general = Int(GeneralPerSemesterInput, 0, MeetingQuotas.MaxCount);
        var lecture = Int(LecturePerSemesterInput, 0, MeetingQuotas.MaxCount);
        var before = Int(CheckInBeforeInput, 0, MeetingQuotas.MaxWindowMinutes);
        var after = Int(CheckInAfterInput, 0, MeetingQuotas.MaxWindowMinutes);
        var notice = Int(SelectionNoticeInput, 1, 31);
        var peers = Int(EvaluationPeersInput, EvaluationPolicy.MinPeersLow, EvaluationPolicy.MinPeersHigh);
        var passMark = PassMark(Text(PassMarkInput));
        if (passMark is null) errors.Add(new PolicyFieldError(PassMarkInput, "policy.hint.passMark", HalfYearlyScoring.MinScore, HalfYearlyScoring.MaxScore));

        if (errors.Count > 0) return new PolicyEditResult(null, errors);
        var policy = old.WithEdited(rules, dueSoon, extension,
            new MeetingQuotas(committee, group, general, lecture, before, after), daysAfterBreak, notice, new EvaluationPolicy(peers, passMark!.Value));
        return new PolicyEditResult(policy, []);
    }

    /// <summary>How a field is named to people: its label, after the rule's name for a rule's field ("Thought report · Activist · Grace days").</summary>
    public static string FieldName(Language language, Policy policy, string fieldId)
    {
        var field = Fields(policy).FirstOrDefault(f => f.Id == fieldId);
        if (field is null) return fieldId;
        var label = Texts.Default.Get(language, field.LabelKey);
        return field.RuleIndex is { } i ? PolicyCard.RuleName(language, policy.Rules[i]) + " · " + label : label;
    }

    /// <summary>The hint of an error in a language ("a whole number from 0 to 92").</summary>
    public static string Hint(Language language, PolicyFieldError error) => Texts.Default.Get(language, error.HintKey, error.HintArgs);

    /// <summary>The fields whose values differ between two policies with the same rules (the change history's "what").</summary>
    public static IReadOnlyList<(string Field, string Before, string After)> Differences(Policy before, Policy after)
    {
        var old = Values(before);
        return Values(after).Where(v => old.TryGetValue(v.Key, out var was) && was != v.Value)
            .Select(v => (v.Key, old[v.Key], v.Value)).ToList();
    }

    /// <summary>"7,3,1" (also with Chinese commas or spaces): 1 to 6 distinct whole days; null when it is not.</summary>
    private static int[]? Offsets(string? text)
    {
        if (text is null) return null;
        var parts = text.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > MaxReminders) return null;
        var days = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 3 || !parts[i].All(char.IsAsciiDigit)) return null;
            days[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
            if (days[i] is < 1 or > MaxOffsetDays) return null;
        }
        return days.Distinct().Count() == days.Length ? days : null;
    }

    // "60" or "59.5": 0 to 100 with at most one decimal, a point as the separator.
    private static decimal? PassMark(string? text)
    {
        if (text is null || text.Length > 5 || !text.All(c => char.IsAsciiDigit(c) || c == '.') || text.Count(c => c == '.') > 1 || text[0] == '.' || text[^1] == '.') return null;
        var mark = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return mark >= HalfYearlyScoring.MinScore && mark <= HalfYearlyScoring.MaxScore && decimal.Round(mark, EvaluationPolicy.PassMarkDecimals) == mark ? mark : null;
    }

    private static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);
}
