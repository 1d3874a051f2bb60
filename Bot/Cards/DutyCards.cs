using BranchBot.Domain;

namespace BranchBot.Bot.Cards;

/// <summary>Which form reminds the owner of a duty, and opens when a leader nudges them.</summary>
public enum DutyForm
{
    /// <summary>The report form: the owner writes the text.</summary>
    Report = 1,
    /// <summary>The talk form, with the mentee chosen.</summary>
    Talk = 2,
    /// <summary>No form: the committee's duties are reported in its monthly summary, not reminded one by one.</summary>
    None = 3,
}

/// <summary>The Bot's half of a duty kind's description (the Domain's is <see cref="DutyKinds"/>): the form that reminds of it.</summary>
public static class DutyCards
{
    /// <summary>The form for a kind; throws for a value that is not a named kind.</summary>
    public static DutyForm FormFor(ObligationKind kind) =>
        Enum.IsDefined(kind) ? Describe(kind) : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown obligation kind.");

    // No `_ =>` arm on purpose: a named kind without a form is error CS8509, so a new kind cannot silently get another kind's card.
#pragma warning disable CS8524
    private static DutyForm Describe(ObligationKind kind) => kind switch
    {
        ObligationKind.ThoughtReport => DutyForm.Report,
        ObligationKind.Talk => DutyForm.Talk,
        ObligationKind.BranchReport => DutyForm.Report,
        ObligationKind.ActivistEvaluation => DutyForm.None,
        ObligationKind.ProbationaryEvaluation => DutyForm.None,
    };
#pragma warning restore CS8524
}
