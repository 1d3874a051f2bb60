namespace BranchBot.Domain;

/// <summary>The stage a person has reached on the way to full membership.</summary>
public enum Stage
{
    /// <summary>
    /// 入党申请人: on the roster, not yet an activist — a candidate for the selection of activists, or an activist whose
    /// cultivation was stopped. Owes no duties and has no mentor.
    /// </summary>
    Applicant = 0,
    /// <summary>入党积极分子.</summary>
    Activist = 1,
    /// <summary>发展对象.</summary>
    DevelopmentTarget = 2,
    /// <summary>预备党员.</summary>
    Probationary = 3,
    /// <summary>正式党员.</summary>
    Full = 4,
}

/// <summary>Offices a member can hold; several at once.</summary>
[Flags]
public enum Roles
{
    /// <summary>No office.</summary>
    None = 0,
    /// <summary>书记.</summary>
    Secretary = 1,
    /// <summary>副书记.</summary>
    DeputySecretary = 2,
    /// <summary>组织委员.</summary>
    OrganizationMember = 4,
    /// <summary>宣传委员.</summary>
    PropagandaMember = 8,
    /// <summary>纪检委员.</summary>
    DisciplineMember = 16,
    /// <summary>党小组组长.</summary>
    GroupLeader = 32,
    /// <summary>Any committee office.</summary>
    Committee = Secretary | DeputySecretary | OrganizationMember | PropagandaMember | DisciplineMember,
}

/// <summary>How often an obligation recurs.</summary>
public enum Cadence
{
    /// <summary>Every calendar month.</summary>
    Monthly = 1,
    /// <summary>Every calendar quarter.</summary>
    Quarterly = 3,
    /// <summary>Every half year (Jan–Jun, Jul–Dec).</summary>
    HalfYearly = 6,
}

/// <summary>What is owed.</summary>
public enum ObligationKind
{
    /// <summary>思想汇报: written by the person.</summary>
    ThoughtReport = 1,
    /// <summary>谈心谈话: held and recorded by the mentor with a mentee.</summary>
    Talk = 2,
    /// <summary>A probationary member's quarterly written report to the branch.</summary>
    BranchReport = 3,
    /// <summary>考察鉴定: the committee's quarterly evaluation of an activist.</summary>
    ActivistEvaluation = 4,
    /// <summary>The committee's half-yearly comprehensive evaluation of a probationary member.</summary>
    ProbationaryEvaluation = 5,
}

/// <summary>Who owes an obligation about a subject member.</summary>
public enum Owner
{
    /// <summary>The subject themselves.</summary>
    Self = 1,
    /// <summary>Each of the subject's mentors (or introducers).</summary>
    Mentor = 2,
    /// <summary>The branch committee.</summary>
    Committee = 3,
}

/// <summary>An obligation's state at an instant, computed from facts.</summary>
public enum ObligationStatus
{
    /// <summary>The period has not started yet.</summary>
    NotYetDue = 1,
    /// <summary>Open, deadline not near.</summary>
    Due = 2,
    /// <summary>Open, within <see cref="Policy.DueSoonDays"/> of the due date, or past the deadline but within the grace days.</summary>
    DueSoon = 3,
    /// <summary>Deadline (plus grace) passed without fulfilment.</summary>
    Overdue = 4,
    /// <summary>Fulfilled on time.</summary>
    Done = 5,
    /// <summary>Fulfilled after the deadline.</summary>
    DoneLate = 6,
    /// <summary>Excused by a group leader or the committee.</summary>
    Excused = 7,
    /// <summary>The hand-in window closed (see <see cref="HandInWindow"/>) without fulfilment or excuse: counted as missed, no longer chased.</summary>
    Missed = 8,
}

/// <summary>Whether a mentor is the activist's 培养联系人 or one of a development target's 入党介绍人.</summary>
public enum MentorKind
{
    /// <summary>培养联系人.</summary>
    Mentor = 1,
    /// <summary>入党介绍人.</summary>
    Introducer = 2,
}

/// <summary>How a talk was held.</summary>
public enum TalkMode
{
    /// <summary>Face to face.</summary>
    InPerson = 1,
    /// <summary>By call or video.</summary>
    Online = 2,
}

/// <summary>State of a request for more time.</summary>
public enum ExtensionStatus
{
    /// <summary>Waiting for the group leader.</summary>
    Requested = 1,
    /// <summary>Approved: the deadline moves.</summary>
    Approved = 2,
    /// <summary>Declined: the deadline stays.</summary>
    Declined = 3,
}
