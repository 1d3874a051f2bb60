using System.Text.Json;
using System.Text.Json.Serialization;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Meetings;
using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain;

/// <summary>
/// One recurring duty of the branch: who owes what about a person at a stage, and how often. Plain data so
/// that the committee can edit it and Infrastructure can store it as JSON. The due date of every period is
/// its last day; the deadline is 23:59:59 branch time on that day.
/// </summary>
public sealed record PolicyRule
{
    /// <summary>The written-report length asked for when a rule does not say.</summary>
    public const int DefaultReportMinLength = 100;

    private readonly int? _minLength;
    private readonly int[] _reminderOffsetsDays = [7, 3, 1];
    private readonly int _graceDays;

    /// <summary>Creates a rule; the optional settings are init properties with the seed's defaults.</summary>
    public PolicyRule(ObligationKind kind, Stage subjectStage, Owner owner, Cadence cadence)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown obligation kind.");
        if (!Enum.IsDefined(subjectStage)) throw new ArgumentOutOfRangeException(nameof(subjectStage), subjectStage, "Unknown stage.");
        if (!Enum.IsDefined(owner)) throw new ArgumentOutOfRangeException(nameof(owner), owner, "Unknown owner.");
        if (!Enum.IsDefined(cadence)) throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence.");
        if (owner != ExpectedOwner(kind))
            throw new ArgumentException($"A {kind} is owed by {ExpectedOwner(kind)}, not {owner}.", nameof(owner));
        Kind = kind;
        SubjectStage = subjectStage;
        Owner = owner;
        Cadence = cadence;
    }

    /// <summary>What is owed.</summary>
    public ObligationKind Kind { get; }
    /// <summary>The stage of the person the duty is about.</summary>
    public Stage SubjectStage { get; }
    /// <summary>Who owes it: the person, each of their mentors, or the committee.</summary>
    public Owner Owner { get; }
    /// <summary>How often it recurs.</summary>
    public Cadence Cadence { get; }

    /// <summary>Days after the deadline before an unfulfilled obligation counts as overdue (default 0).</summary>
    public int GraceDays
    {
        get => _graceDays;
        init => _graceDays = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(GraceDays), value, "Grace days cannot be negative.");
    }

    /// <summary>Days before the due date on which reminders go out, largest first (default 7, 3, 1).</summary>
    public IReadOnlyList<int> ReminderOffsetsDays
    {
        get => _reminderOffsetsDays;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ReminderOffsetsDays));
            if (value.Any(d => d <= 0)) throw new ArgumentOutOfRangeException(nameof(ReminderOffsetsDays), "Reminder offsets must be positive days.");
            if (value.Distinct().Count() != value.Count) throw new ArgumentException("Reminder offsets must not repeat.", nameof(ReminderOffsetsDays));
            _reminderOffsetsDays = [.. value.OrderDescending()];
        }
    }

    /// <summary>Branch-local time of day at which reminders go out (default 09:00).</summary>
    public TimeOnly ReminderTime { get; init; } = new(9, 0);

    /// <summary>Minimum length of a written report, in characters (default 100 for reports, 0 otherwise).</summary>
    public int MinLength
    {
        get => _minLength ?? (IsWritten ? DefaultReportMinLength : 0);
        init
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(MinLength), value, "Minimum length cannot be negative.");
            _minLength = value;
        }
    }

    /// <summary>Whether a person owes the period in which their stage began even if it began mid-period (default false).</summary>
    public bool OwesPartialFirstPeriod { get; init; }

    /// <summary>Whether the duty is a text the person writes (thought report or branch report).</summary>
    [JsonIgnore]
    public bool IsWritten => DutyKinds.Of(Kind).IsWritten;

    /// <summary>Whether a report text is long enough, counted as <see cref="ReportLength"/> counts it.</summary>
    public bool IsLongEnough(string? text) => ReportLength.IsLongEnough(text, MinLength);

    /// <summary>The only owner that makes sense for a kind: reports are written by the person, talks held by mentors, evaluations made by the committee.</summary>
    public static Owner ExpectedOwner(ObligationKind kind) => DutyKinds.Of(kind).Owner;

    /// <inheritdoc />
    public bool Equals(PolicyRule? other) =>
        other is not null
        && Kind == other.Kind && SubjectStage == other.SubjectStage && Owner == other.Owner && Cadence == other.Cadence
        && GraceDays == other.GraceDays && ReminderTime == other.ReminderTime && MinLength == other.MinLength
        && OwesPartialFirstPeriod == other.OwesPartialFirstPeriod
        && ReminderOffsetsDays.SequenceEqual(other.ReminderOffsetsDays);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, SubjectStage, Owner, Cadence, GraceDays, ReminderTime, MinLength, OwesPartialFirstPeriod);
}

/// <summary>
/// The branch's rules: the recurring duties and when an open duty counts as due soon. Validated at
/// construction; serializable as plain data (see <see cref="ToJson"/>).
/// </summary>
public sealed record Policy
{
    private readonly PolicyRule[] _rules;
    // Indexed by stage and owner (both small enums): the schedule asks this for every person and period.
    private readonly PolicyRule[][] _byStageAndOwner;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Creates a policy; throws when a rule repeats (same kind, stage and owner) or a setting is out of range.</summary>
    [JsonConstructor]
    public Policy(IReadOnlyList<PolicyRule> rules, int dueSoonDays = 3, int extensionDays = DefaultExtensionDays, bool returnedCountsAsDone = false,
        MeetingQuotas? meetings = null, int daysAfterBreak = DefaultDaysAfterBreak, int selectionNoticeDays = SelectionRules.DefaultNoticeDays,
        EvaluationPolicy? evaluation = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Any(r => r is null)) throw new ArgumentException("A rule is missing.", nameof(rules));
        if (dueSoonDays < 0) throw new ArgumentOutOfRangeException(nameof(dueSoonDays), dueSoonDays, "Due-soon days cannot be negative.");
        if (extensionDays is < 1 or > 92) throw new ArgumentOutOfRangeException(nameof(extensionDays), extensionDays, "An extension is 1 to 92 days.");
        if (daysAfterBreak is < 0 or > 30) throw new ArgumentOutOfRangeException(nameof(daysAfterBreak), daysAfterBreak, "A deadline moves 0 to 30 days after a break.");
        if (selectionNoticeDays is < 1 or > 31) throw new ArgumentOutOfRangeException(nameof(selectionNoticeDays), selectionNoticeDays, "A public notice runs 1 to 31 days.");
        var duplicate = rules.GroupBy(r => (r.Kind, r.SubjectStage, r.Owner)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"The rule {duplicate.Key.Kind} / {duplicate.Key.SubjectStage} / {duplicate.Key.Owner} appears more than once.", nameof(rules));
        _rules = [.. rules];
        DueSoonDays = dueSoonDays;
        ExtensionDays = extensionDays;
        ReturnedCountsAsDone = returnedCountsAsDone;
        // Meetings (三会一课): the quotas and the check-in window; a stored policy without them has the seed's.
        Meetings = meetings ?? MeetingQuotas.Default;
        DaysAfterBreak = daysAfterBreak;
        SelectionNoticeDays = selectionNoticeDays;
        // The half-yearly evaluation (validated by EvaluationPolicy itself); a stored policy without it has the seed's.
        Evaluation = evaluation ?? EvaluationPolicy.Default;
        _byStageAndOwner = new PolicyRule[Slots][];
        for (var i = 0; i < Slots; i++) _byStageAndOwner[i] = [];
        foreach (var group in _rules.GroupBy(r => Slot(r.SubjectStage, r.Owner))) _byStageAndOwner[group.Key] = [.. group];
    }

    /// <summary>The rules.</summary>
    public IReadOnlyList<PolicyRule> Rules => _rules;

    /// <summary>An open obligation counts as due soon from this many days before its due date (default 3).</summary>
    public int DueSoonDays { get; }

    /// <summary>The extension length when a policy does not say.</summary>
    public const int DefaultExtensionDays = 7;

    /// <summary>How many days an approved request for more time adds, counted from the later of the due date and the decision day (default 7).</summary>
    public int ExtensionDays { get; }

    /// <summary>
    /// Whether a report returned for rework still counts as done from its first version (default false: it counts
    /// only once a resubmission is accepted; see <see cref="ReviewRules.CountsAsDoneAt"/>).
    /// </summary>
    public bool ReturnedCountsAsDone { get; }

    // Meetings (三会一课)
    /// <summary>The meeting quotas and check-in window (default <see cref="MeetingQuotas.Default"/>).</summary>
    public MeetingQuotas Meetings { get; }

    // The academic calendar
    /// <summary>The default of <see cref="DaysAfterBreak"/>.</summary>
    public const int DefaultDaysAfterBreak = 1;

    /// <summary>
    /// A due date that falls in a vacation or exam week moves to this many days after the break's last day (0 to 30,
    /// default 1; see <see cref="Calendar.AcademicCalendar.MoveOutOfBreaks"/>).
    /// </summary>
    public int DaysAfterBreak { get; }

    // Selection of activists
    /// <summary>How many days the public notice (公示) of a selected activist runs (default <see cref="SelectionRules.DefaultNoticeDays"/>, 1 to 31).</summary>
    public int SelectionNoticeDays { get; }

    // The half-yearly comprehensive evaluation of probationary members
    /// <summary>Peer ratings needed and the pass mark of the half-yearly evaluation (default <see cref="EvaluationPolicy.Default"/>: 3 peers, pass at 60).</summary>
    public EvaluationPolicy Evaluation { get; }

    /// <summary>
    /// This policy with what the rules card edits (the rules, due-soon days, extension length) replaced and every other
    /// setting kept, so that a setting added to the constructor is carried through a save in this one place.
    /// </summary>
    public Policy WithEdited(IReadOnlyList<PolicyRule> rules, int dueSoonDays, int extensionDays) =>
        new(rules, dueSoonDays, extensionDays, ReturnedCountsAsDone, Meetings, DaysAfterBreak, SelectionNoticeDays, Evaluation);

    /// <summary>
    /// This policy with everything the rules editor shows replaced (the rules, due-soon days, extension length, meeting
    /// quotas, days after a break, the public notice's length, the half-yearly evaluation) and the rest kept.
    /// </summary>
    public Policy WithEdited(IReadOnlyList<PolicyRule> rules, int dueSoonDays, int extensionDays, MeetingQuotas meetings, int daysAfterBreak,
        int selectionNoticeDays, EvaluationPolicy evaluation) =>
        new(rules, dueSoonDays, extensionDays, ReturnedCountsAsDone, meetings, daysAfterBreak, selectionNoticeDays, evaluation);

    /// <summary>
    /// The seed's rhythm: activists write a monthly thought report and talk monthly with each mentor, and the
    /// committee evaluates them quarterly; probationary members report monthly and to the branch quarterly,
    /// and are evaluated half-yearly; development targets report monthly and talk quarterly with each introducer.
    /// </summary>
    public static Policy Default { get; } = new(
    [
        new(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, Cadence.Monthly),
        new(ObligationKind.Talk, Stage.Activist, Owner.Mentor, Cadence.Monthly),
        new(ObligationKind.ActivistEvaluation, Stage.Activist, Owner.Committee, Cadence.Quarterly),
        new(ObligationKind.ThoughtReport, Stage.DevelopmentTarget, Owner.Self, Cadence.Monthly),
        new(ObligationKind.Talk, Stage.DevelopmentTarget, Owner.Mentor, Cadence.Quarterly),
        new(ObligationKind.ThoughtReport, Stage.Probationary, Owner.Self, Cadence.Monthly),
        new(ObligationKind.BranchReport, Stage.Probationary, Owner.Self, Cadence.Quarterly),
        new(ObligationKind.ProbationaryEvaluation, Stage.Probationary, Owner.Committee, Cadence.HalfYearly),
    ]);

    /// <summary>The rules owed by an owner about a person at a stage.</summary>
    public IReadOnlyList<PolicyRule> RulesFor(Stage stage, Owner owner)
    {
        var slot = Slot(stage, owner);
        return slot >= 0 && slot < Slots ? _byStageAndOwner[slot] : [];
    }

    private const int Slots = 5 * 4;
    private static int Slot(Stage stage, Owner owner) => (int)stage * 4 + (int)owner;

    /// <summary>The rule for a kind, stage and owner, if the policy has one.</summary>
    public PolicyRule? Find(ObligationKind kind, Stage stage, Owner owner) =>
        RulesFor(stage, owner).FirstOrDefault(r => r.Kind == kind);

    /// <summary>Readable JSON (camelCase, enums by name), the form Infrastructure stores.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads <see cref="ToJson"/>'s form; throws <see cref="JsonException"/> or <see cref="ArgumentException"/> when it is not a valid policy.</summary>
    public static Policy FromJson(string json) =>
        JsonSerializer.Deserialize<Policy>(json, JsonOptions) ?? throw new JsonException("The policy is empty.");

    /// <inheritdoc />
    public bool Equals(Policy? other) =>
        other is not null && DueSoonDays == other.DueSoonDays && ExtensionDays == other.ExtensionDays && ReturnedCountsAsDone == other.ReturnedCountsAsDone && Meetings == other.Meetings && DaysAfterBreak == other.DaysAfterBreak && SelectionNoticeDays == other.SelectionNoticeDays && Evaluation == other.Evaluation && _rules.SequenceEqual(other._rules);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DueSoonDays, ExtensionDays, ReturnedCountsAsDone, _rules.Length);
}
