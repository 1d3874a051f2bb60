using BranchBot.Domain;

namespace BranchBot.Bot.Roster;

public enum RosterProblemCode
{
    EmptyFile = 1,
    UnterminatedQuote,
    MissingColumn,
    DuplicateColumn,
    ExtraFields,
    MissingValue,
    UnknownStage,
    UnknownRole,
    InvalidDate,
    FutureDate,
    InvalidEmail,
    DuplicateStudentNumber,
    DuplicateEmail,
    EmailTakenByExisting,
    MentorNotInFile,
    MentorNotFull,
    MentorIsSelf,
    WrongMentorCount,
    RoleNeedsPartyMember,
    OfficeHeldTwice,
    TwoGroupLeaders,
    NotEmptyForDemo,
}

// One reason a file was rejected. Row is the spreadsheet row (header = 1; 0 = the file as a whole).
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

public sealed record RosterChange(int Row, string StudentNumber, string Name, RosterChangeKind Kind, IReadOnlyList<RosterColumn> Fields);

public sealed record RosterPerson(string StudentNumber, string Name);

public sealed record RosterImportResult
{
    public required IReadOnlyList<RosterProblem> Problems { get; init; }
    public IReadOnlyList<RosterChange> Changes { get; init; } = [];
    // People in the database but not in the file: kept as they are, only reported.
    public IReadOnlyList<RosterPerson> NotInFile { get; init; } = [];
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    public IReadOnlyList<string> GroupsCreated { get; init; } = [];
    public DateOnly? TrackingStartsOnSet { get; init; }

    public bool Accepted => Problems.Count == 0;
    public int Count(RosterChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public static RosterImportResult Rejected(IEnumerable<RosterProblem> problems) =>
        new() { Problems = problems.OrderBy(p => p.Row).ThenBy(p => p.Column).ToList() };
}

internal sealed record RosterRow(
    int Row,
    string StudentNumber,
    string Name,
    string? Email,
    string GroupName,
    Stage Stage,
    DateOnly StageSince,
    IReadOnlyList<string> Mentors,
    Roles Roles);
