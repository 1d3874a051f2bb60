namespace BranchBot.Domain;

/// <summary>The roster's rules about mentors (培养联系人) and introducers (入党介绍人), and about offices.</summary>
public static class RosterRules
{
    /// <summary>
    /// How many mentors a person at <paramref name="stage"/> has: an activist one or two mentors, a development target
    /// exactly two introducers, a probationary member up to two (their introducers), a full member none. Fewer than
    /// <c>Min</c> is a gap the branch has yet to fill (it happens while people are being assigned); more than
    /// <c>Max</c> is wrong data.
    /// </summary>
    public static (int Min, int Max) MentorRange(Stage stage) => stage switch
    {
        Stage.Applicant => (0, 0),
        Stage.Activist => (1, 2),
        Stage.DevelopmentTarget => (2, 2),
        Stage.Probationary => (0, 2),
        Stage.Full => (0, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>Whether someone at <paramref name="stage"/> may be a mentor or introducer: full members only.</summary>
    public static bool MayMentor(Stage stage) => stage == Stage.Full;

    /// <summary>Whether someone at <paramref name="stage"/> may hold an office: party members (probationary or full) only.</summary>
    public static bool MayHoldOffice(Stage stage) => stage is not (Stage.Applicant or Stage.Activist or Stage.DevelopmentTarget);

    /// <summary>
    /// The committee offices held by at most one person in the branch; deputy secretary is not one of them,
    /// and group leader is checked per group (at most one each).
    /// </summary>
    public static readonly IReadOnlyList<Roles> SingleHolderOffices =
        [Roles.Secretary, Roles.OrganizationMember, Roles.PropagandaMember, Roles.DisciplineMember];
}
