using BranchBot.Bot.Cards;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Roster;

public enum RosterProblemCode
{
    EmptyFile = 1,
    NotCsv,
    UnterminatedQuote,
    MissingColumn,
    DuplicateColumn,
    UnknownColumn,
    ExtraFields,
    MissingValue,
    UnknownStage,
    UnknownRole,
    InvalidDate,
    ScientificNotation,
    LeadingZerosLost,
    FutureDate,
    InvalidEmail,
    DuplicateStudentNumber,
    DuplicateEmail,
    EmailTakenByExisting,
    MentorNotInFile,
    MentorNotFull,
    MentorIsSelf,
    TooManyMentors,
    RoleNeedsPartyMember,
    OfficeHeldTwice,
    TwoGroupLeaders,
    NotEmptyForDemo,
    TooLarge,
    NotAWorkbook,
    NotARoster,
    RosterChangedSincePreview,
    NotThePreviewedFile,

    // Warnings: the file imports, and the gap is listed for the committee to fill.
    TooFewMentors,
}

// One reason a file was rejected (an error) or one gap it leaves open (a warning). Row is the spreadsheet row (header = 1; 0 = the file as a whole).
// Args are raw values (stage and role names as the enums spell them) that the renderer localises.
public sealed record RosterProblem(int Row, RosterColumn? Column, RosterProblemCode Code, params string[] Args)
{
    public bool Equals(RosterProblem? other) =>
        other is not null && Row == other.Row && Column == other.Column && Code == other.Code && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Row, Column, Code, Args.Length);

    public override string ToString() => $"Row {Row}, {Column}: {Code}({string.Join(", ", Args)})";
}

public enum RosterChangeKind
{
    Added = 1,
    Updated,
    Unchanged,
}

public sealed record RosterChange(int Row, string StudentNumber, string Name, RosterChangeKind Kind, IReadOnlyList<RosterColumn> Fields)
{
    // Set when the person's stage history changed: a new stage, or a correction of the one held (IsCorrection).
    public RosterStageChange? Stage { get; init; }
}

public sealed record RosterStageChange(Stage From, DateOnly FromSince, Stage To, DateOnly ToSince, bool IsCorrection);

public sealed record RosterPerson(string StudentNumber, string Name);

public sealed record RosterImportResult
{
    // Errors: any one rejects the whole file.
    public required IReadOnlyList<RosterProblem> Problems { get; init; }
    // Incomplete pipeline state (an activist without a mentor yet): imported, listed as things to fix.
    public IReadOnlyList<RosterProblem> Warnings { get; init; } = [];
    public IReadOnlyList<RosterChange> Changes { get; init; } = [];
    // People in the database but not in the file: kept as they are, only reported.
    public IReadOnlyList<RosterPerson> NotInFile { get; init; } = [];
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    // Title lines above the header, skipped (spreadsheet row numbers).
    public IReadOnlyList<int> TitleRows { get; init; } = [];
    // Optional columns the file lacks: people already on the roster kept their stored values for them.
    public IReadOnlyList<RosterColumn> ColumnsKept { get; init; } = [];
    public IReadOnlyList<string> GroupsCreated { get; init; } = [];
    // The groups the database held before this import, to show next to new ones (a typo creates a group).
    public IReadOnlyList<string> GroupsBefore { get; init; } = [];
    // The date this import stored because none was stored yet.
    public DateOnly? TrackingStartsOnSet { get; init; }
    // The date stored in the database after the import (Branch:TrackingStartsOn, when configured, wins over it).
    public DateOnly? TrackingStartsOnStored { get; init; }

    public bool Accepted => Problems.Count == 0;
    public int Count(RosterChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public static RosterImportResult Rejected(IEnumerable<RosterProblem> problems, IEnumerable<RosterProblem>? warnings = null) =>
        new() { Problems = InRowOrder(problems), Warnings = InRowOrder(warnings ?? []) };

    internal static List<RosterProblem> InRowOrder(IEnumerable<RosterProblem> problems) =>
        problems.OrderBy(p => p.Row).ThenBy(p => p.Column).ToList();
}

/// <summary>What an import would do, not kept; Token (set when the file would be accepted) names the file, the day
/// and the roster it was computed on, and is what an apply checks before it writes the same.</summary>
public sealed record RosterPreview(RosterImportResult Result, string? Token);

internal sealed record RosterRow(
    int Row,
    string StudentNumber,
    string Name,
    string? Email,
    string GroupName,
    Stage Stage,
    DateOnly StageSince,
    IReadOnlyList<string> Mentors,
    Roles Roles,
    DateOnly? GraduatesOn = null);
