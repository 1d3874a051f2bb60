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

    private Member() { StudentNumber = ""; Name = ""; }

    /// <summary>Creates a member.</summary>
    public Member(string studentNumber, string name, int groupId, Stage stage, DateOnly stageSince, Roles roles = Roles.None, string? email = null)
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
    /// <summary>Current stage.</summary>
    public Stage Stage { get; private set; }
    /// <summary>The local date the current stage began.</summary>
    public DateOnly StageSince { get; private set; }
    /// <summary>Offices held.</summary>
    public Roles Roles { get; private set; }
    /// <summary>This member's mentors (activist) or introducers (development target).</summary>
    public IReadOnlyList<MentorAssignment> Mentors => _mentors;

    /// <summary>Whether the member holds any committee office.</summary>
    public bool IsCommittee => (Roles & Roles.Committee) != 0;
    /// <summary>Whether the member leads their group.</summary>
    public bool IsGroupLeader => Roles.HasFlag(Roles.GroupLeader);

    /// <summary>活动 milestone: one year after becoming an activist, eligible to become a development target.</summary>
    public DateOnly? EligibleForDevelopmentOn => Stage == Stage.Activist ? StageSince.AddYears(1) : null;
    /// <summary>Probation ends one year after it began.</summary>
    public DateOnly? ProbationEndsOn => Stage == Stage.Probationary ? StageSince.AddYears(1) : null;

    /// <summary>Updates the roster fields; returns the names of the fields that changed.</summary>
    public IReadOnlyList<string> Update(string name, int groupId, Stage stage, DateOnly stageSince, Roles roles, string? email)
    {
        var changed = new List<string>();
        name = name.Trim();
        email = NormalizeEmail(email);
        if (Name != name) { Name = name; changed.Add(nameof(Name)); }
        if (GroupId != groupId) { GroupId = groupId; changed.Add(nameof(GroupId)); }
        if (Stage != stage) { Stage = stage; changed.Add(nameof(Stage)); }
        if (StageSince != stageSince) { StageSince = stageSince; changed.Add(nameof(StageSince)); }
        if (Roles != roles) { Roles = roles; changed.Add(nameof(Roles)); }
        if (Email != email) { Email = email; changed.Add(nameof(Email)); }
        return changed;
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
        var kind = Stage == Stage.DevelopmentTarget ? MentorKind.Introducer : MentorKind.Mentor;
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
}
