namespace BranchBot.Domain;

/// <summary>党小组: a group of the branch, led by a group leader.</summary>
public sealed class Group
{
    private Group() { Name = ""; }

    /// <summary>Creates a group.</summary>
    public Group(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>Database id.</summary>
    public int Id { get; private set; }
    /// <summary>Name as the roster writes it.</summary>
    public string Name { get; private set; }
}

/// <summary>A person on the roster. Every person belongs to exactly one group.</summary>
public sealed class Member
{
    private readonly List<MentorAssignment> _mentors = [];
    private readonly List<StageChange> _stageChanges = [];
    private IReadOnlyList<StageInterval>? _stages;

    private Member() { StudentNumber = ""; Name = ""; }

    /// <summary>Creates a member whose history begins with <paramref name="stage"/>, recorded on <paramref name="recordedOn"/> when known.</summary>
    public Member(string studentNumber, string name, int groupId, Stage stage, DateOnly stageSince, Roles roles = Roles.None, string? email = null, DateOnly? recordedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studentNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(stage)) throw new ArgumentOutOfRangeException(nameof(stage));
        StudentNumber = studentNumber.Trim();
        Name = name.Trim();
        GroupId = groupId;
        Stage = stage;
        StageSince = stageSince;
        Roles = roles;
        Email = NormalizeEmail(email);
        _stageChanges.Add(new StageChange(stage, stageSince, StageChangeSource.Import, recordedOn));
    }

    /// <summary>Database id.</summary>
    public int Id { get; private set; }
    /// <summary>学号 (or 工号 for teachers); the roster key.</summary>
    public string StudentNumber { get; private set; }
    /// <summary>姓名.</summary>
    public string Name { get; private set; }
    /// <summary>Teams UPN / email, lower-case.</summary>
    public string? Email { get; private set; }
    /// <summary>Entra (AAD) object id, learned when the person first talks to the bot.</summary>
    public string? AadObjectId { get; private set; }
    /// <summary>The member's group.</summary>
    public int GroupId { get; private set; }
    /// <summary>Current stage: the last of <see cref="Stages"/>, kept as a column to query by.</summary>
    public Stage Stage { get; private set; }
    /// <summary>The local date the current stage began.</summary>
    public DateOnly StageSince { get; private set; }
    /// <summary>The recorded stage changes, the source of <see cref="Stages"/>.</summary>
    public IReadOnlyList<StageChange> StageChanges => _stageChanges;
    /// <summary>
    /// The stages held, oldest first. When the changes were not loaded with the member, the current stage alone.
    /// </summary>
    public IReadOnlyList<StageInterval> Stages => _stages ??= _stageChanges.Count > 0
        ? StageTimeline.Of(_stageChanges)
        : [new StageInterval(Stage, StageSince, null)];
    /// <summary>Offices held.</summary>
    public Roles Roles { get; private set; }
    /// <summary>This member's mentors (activist) or introducers (development target).</summary>
    public IReadOnlyList<MentorAssignment> Mentors => _mentors;

    /// <summary>毕业日期: when the member graduates, if known (the committee lists the graduating members each June).</summary>
    public DateOnly? GraduatesOn { get; private set; }
    /// <summary>
    /// The day the introduction letter was issued (组织关系转出): from then on the member is off the active roster and
    /// owes nothing; they stay in the history and the statistics.
    /// </summary>
    public DateOnly? TransferredOn { get; private set; }
    /// <summary>On the active roster on the date: not yet transferred out.</summary>
    public bool IsActiveOn(DateOnly date) => TransferredOn is not { } left || date < left;

    /// <summary>Records or clears the graduation date.</summary>
    public void SetGraduation(DateOnly? on) => GraduatesOn = on;

    /// <summary>Takes the member off the active roster from <paramref name="on"/> (the introduction letter's date).</summary>
    public void TransferOut(DateOnly on) => TransferredOn = on;

    /// <summary>Whether the member holds any committee office.</summary>
    public bool IsCommittee => (Roles & Roles.Committee) != 0;
    /// <summary>Whether the member leads their group.</summary>
    public bool IsGroupLeader => Roles.HasFlag(Roles.GroupLeader);

    /// <summary>活动 milestone: a year after the activist stage now held began, eligible to become a development target.</summary>
    public DateOnly? EligibleForDevelopmentOn => Stages[^1] is { Stage: Stage.Activist } now ? now.Since.AddYears(1) : null;
    /// <summary>Probation ends a year after the probation now served began.</summary>
    public DateOnly? ProbationEndsOn => Stages[^1] is { Stage: Stage.Probationary } now ? now.Since.AddYears(1) : null;

    /// <summary>The stage held on the date; null before the first recorded stage.</summary>
    public Stage? StageOn(DateOnly date)
    {
        foreach (var interval in Stages)
            if (interval.Contains(date)) return interval.Stage;
        return null;
    }

    /// <summary>Updates the roster fields other than the stage; returns the names of the fields that changed.</summary>
    public IReadOnlyList<string> Update(string name, int groupId, Roles roles, string? email)
    {
        var changed = new List<string>();
        name = name.Trim();
        email = NormalizeEmail(email);
        if (Name != name) { Name = name; changed.Add(nameof(Name)); }
        if (GroupId != groupId) { GroupId = groupId; changed.Add(nameof(GroupId)); }
        if (Roles != roles) { Roles = roles; changed.Add(nameof(Roles)); }
        if (Email != email) { Email = email; changed.Add(nameof(Email)); }
        return changed;
    }

    /// <summary>
    /// Takes the stage a roster file states: nothing when it is the stage held since that date; a correction when only the
    /// date differs, or when the new stage would begin on or before the current one did; else a new stage from the import.
    /// Returns the source of the change recorded, or null.
    /// </summary>
    public StageChangeSource? ImportStage(Stage stage, DateOnly since, DateOnly recordedOn)
    {
        if (stage == Stage && since == StageSince) return null;
        var source = stage == Stage || since <= StageSince ? StageChangeSource.Correction : StageChangeSource.Import;
        RecordStage(new StageChange(stage, since, source, recordedOn));
        return source;
    }

    /// <summary>Adds a stage change to the history; the current stage follows the history.</summary>
    public void RecordStage(StageChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // A history loaded without its changes cannot be extended correctly: the current stage would be forgotten.
        if (_stageChanges.Count == 0) throw new InvalidOperationException("Load the member's stage changes before adding one.");
        _stageChanges.Add(change);
        _stages = null;
        var now = Stages[^1];
        Stage = now.Stage;
        StageSince = now.Since;
    }

    /// <summary>Records the Teams identity once the person is seen in Teams.</summary>
    public void LinkTeamsIdentity(string aadObjectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        AadObjectId = aadObjectId;
    }

    /// <summary>Replaces the mentors; returns true when they changed.</summary>
    public bool SetMentors(IReadOnlyCollection<int> mentorIds)
    {
        var kind = MentorAssignment.KindFor(Stage);
        var current = _mentors.Select(m => (m.MentorId, m.Kind)).ToHashSet();
        var wanted = mentorIds.Select(id => (id, kind)).ToHashSet();
        if (current.SetEquals(wanted)) return false;
        _mentors.Clear();
        _mentors.AddRange(mentorIds.Distinct().Select(id => new MentorAssignment(id, kind)));
        return true;
    }

    private static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}

/// <summary>A mentor (培养联系人) or introducer (入党介绍人) of a member.</summary>
public sealed class MentorAssignment
{
    private MentorAssignment() { }

    /// <summary>Creates an assignment.</summary>
    public MentorAssignment(int mentorId, MentorKind kind)
    {
        MentorId = mentorId;
        Kind = kind;
    }

    /// <summary>Database id.</summary>
    public int Id { get; private set; }
    /// <summary>The mentee.</summary>
    public int MenteeId { get; private set; }
    /// <summary>The mentor or introducer.</summary>
    public int MentorId { get; private set; }
    /// <summary>Mentor or introducer.</summary>
    public MentorKind Kind { get; private set; }

    /// <summary>A development target has introducers; anyone else with mentors has mentors.</summary>
    public static MentorKind KindFor(Stage stage) => stage == Stage.DevelopmentTarget ? MentorKind.Introducer : MentorKind.Mentor;
}
