using System.Globalization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Roster;

// Imports the branch roster from a CSV file, all or nothing. Rules, beyond well-formed values:
// - required columns: student number, name, group, stage, stage start date; email, mentors, roles optional;
//   unknown columns are ignored and reported; blank lines are skipped.
// - student numbers and emails are unique in the file, and an email may not belong to someone else in the
//   database who is not in the file.
// - mentors are named by student number, must be in the same file, full members, not the person themself;
//   activists have 1–2 mentors (培养联系人), development targets exactly 2 introducers (入党介绍人),
//   probationary members 0–2 (their introducers), full members none.
// - offices are held by party members (probationary or full); secretary, organisation, propaganda and
//   discipline member by at most one person each, and each group has at most one leader.
// - a stage start date is not after today.
// Re-importing updates people in place by student number. People missing from the file are reported and
// kept: a roster file that forgot a sheet must not erase anyone's history.
public sealed class RosterImport(BranchDbContext db)
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d"];

    public async Task<RosterImportResult> ImportAsync(byte[] file, DateOnly today, CancellationToken ct)
    {
        var (records, unterminatedAt) = Csv.Parse(Csv.Decode(file));
        if (unterminatedAt is { } at) return RosterImportResult.Rejected([new RosterProblem(at, null, RosterProblemCode.UnterminatedQuote)]);
        records.RemoveAll(r => r.Fields.All(string.IsNullOrWhiteSpace));
        if (records.Count < 2) return RosterImportResult.Rejected([new RosterProblem(0, null, RosterProblemCode.EmptyFile)]);

        var problems = new List<RosterProblem>();
        var (columns, ignored) = ReadHeader(records[0].Fields, problems);
        if (problems.Count > 0) return RosterImportResult.Rejected(problems);

        var drafts = records.Skip(1).Select(r => ReadRow(r.Row, r.Fields, columns, records[0].Fields.Count, today, problems)).ToList();
        var existing = await db.Members.Include(m => m.Mentors).ToListAsync(ct);
        CheckAcrossRows(drafts, existing, problems);
        if (problems.Count > 0) return RosterImportResult.Rejected(problems) with { IgnoredColumns = ignored };

        var rows = drafts.Select(d => d.ToRow()).ToList();
        return await WriteAsync(rows, existing, today, ignored, ct);
    }

    private static (Dictionary<RosterColumn, int> Columns, List<string> Ignored) ReadHeader(List<string> header, List<RosterProblem> problems)
    {
        var columns = new Dictionary<RosterColumn, int>();
        var ignored = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var text = header[i].Trim();
            if (text.Length == 0) continue;
            if (RosterVocabulary.Column(text) is not { } column) ignored.Add(text);
            else if (!columns.TryAdd(column, i)) problems.Add(new RosterProblem(1, column, RosterProblemCode.DuplicateColumn, text));
        }
        foreach (var column in RosterVocabulary.Required.Where(c => !columns.ContainsKey(c)))
            problems.Add(new RosterProblem(1, column, RosterProblemCode.MissingColumn));
        return (columns, ignored);
    }

    private static Draft ReadRow(int row, List<string> fields, Dictionary<RosterColumn, int> columns, int headerWidth, DateOnly today, List<RosterProblem> problems)
    {
        string Field(RosterColumn c) => columns.TryGetValue(c, out var i) && i < fields.Count ? fields[i].Trim() : "";
        void Problem(RosterColumn? c, RosterProblemCode code, params string[] args) => problems.Add(new RosterProblem(row, c, code, args));
        string? Required(RosterColumn c)
        {
            var value = Field(c);
            if (value.Length > 0) return value;
            Problem(c, RosterProblemCode.MissingValue);
            return null;
        }

        var lastNonEmpty = fields.FindLastIndex(f => !string.IsNullOrWhiteSpace(f));
        // Data past the header's last cell is data no column names, usually an unquoted comma.
        if (lastNonEmpty >= headerWidth)
            Problem(null, RosterProblemCode.ExtraFields);

        var draft = new Draft(row)
        {
            StudentNumber = Required(RosterColumn.StudentNumber),
            Name = Required(RosterColumn.Name),
            GroupName = Required(RosterColumn.Group),
        };

        var email = Field(RosterColumn.Email);
        if (email.Length > 0)
        {
            if (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
                Problem(RosterColumn.Email, RosterProblemCode.InvalidEmail, email);
            else draft.Email = email.ToLowerInvariant();
        }

        if (Required(RosterColumn.Stage) is { } stageText)
        {
            draft.Stage = RosterVocabulary.StageOf(stageText);
            if (draft.Stage is null) Problem(RosterColumn.Stage, RosterProblemCode.UnknownStage, stageText);
        }

        if (Required(RosterColumn.StageSince) is { } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
                Problem(RosterColumn.StageSince, RosterProblemCode.InvalidDate, dateText);
            else if (since > today)
                Problem(RosterColumn.StageSince, RosterProblemCode.FutureDate, Iso(since), Iso(today));
            else draft.StageSince = since;
        }

        draft.Mentors = RosterVocabulary.SplitList(Field(RosterColumn.Mentors)).Distinct().ToList();

        foreach (var roleText in RosterVocabulary.SplitList(Field(RosterColumn.Roles)))
        {
            if (RosterVocabulary.RoleOf(roleText) is { } role) draft.Roles |= role;
            else Problem(RosterColumn.Roles, RosterProblemCode.UnknownRole, roleText);
        }
        return draft;
    }

    private static void CheckAcrossRows(List<Draft> drafts, List<Member> existing, List<RosterProblem> problems)
    {
        var byNumber = new Dictionary<string, Draft>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, Draft>(StringComparer.Ordinal);
        foreach (var d in drafts)
        {
            if (d.StudentNumber is { } sn && !byNumber.TryAdd(sn, d))
                problems.Add(new RosterProblem(d.Row, RosterColumn.StudentNumber, RosterProblemCode.DuplicateStudentNumber, sn, Row(byNumber[sn])));
            if (d.Email is { } email && !byEmail.TryAdd(email, d))
                problems.Add(new RosterProblem(d.Row, RosterColumn.Email, RosterProblemCode.DuplicateEmail, email, Row(byEmail[email])));
        }

        var absent = existing.Where(m => !byNumber.ContainsKey(m.StudentNumber)).ToList();
        foreach (var d in drafts.Where(d => d.Email is not null))
            if (absent.FirstOrDefault(m => m.Email == d.Email) is { } holder)
                problems.Add(new RosterProblem(d.Row, RosterColumn.Email, RosterProblemCode.EmailTakenByExisting, d.Email!, holder.Name, holder.StudentNumber));

        foreach (var d in drafts)
        {
            foreach (var mentor in d.Mentors)
            {
                if (mentor == d.StudentNumber)
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.MentorIsSelf));
                else if (!byNumber.TryGetValue(mentor, out var m))
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.MentorNotInFile, mentor));
                else if (m.Stage is { } stage && stage != Stage.Full)
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.MentorNotFull, m.Name ?? "", mentor, stage.ToString()));
            }
            if (d.Stage is { } s)
            {
                var (min, max) = MentorRange(s);
                if (d.Mentors.Count < min || d.Mentors.Count > max)
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.WrongMentorCount, s.ToString(),
                        min == max ? Inv(min) : $"{min}–{max}", Inv(d.Mentors.Count)));
                if (s is Stage.Activist or Stage.DevelopmentTarget)
                    foreach (var role in RosterVocabulary.Each(d.Roles))
                        problems.Add(new RosterProblem(d.Row, RosterColumn.Roles, RosterProblemCode.RoleNeedsPartyMember, role.ToString()));
            }
        }

        foreach (var office in RosterVocabulary.SingleHolderOffices)
            foreach (var extra in drafts.Where(d => d.Roles.HasFlag(office)).Skip(1))
                problems.Add(new RosterProblem(extra.Row, RosterColumn.Roles, RosterProblemCode.OfficeHeldTwice, office.ToString(),
                    Row(drafts.First(d => d.Roles.HasFlag(office)))));

        foreach (var group in drafts.Where(d => d.Roles.HasFlag(Roles.GroupLeader) && d.GroupName is not null).GroupBy(d => d.GroupName!))
            foreach (var extra in group.Skip(1))
                problems.Add(new RosterProblem(extra.Row, RosterColumn.Roles, RosterProblemCode.TwoGroupLeaders, group.Key, Row(group.First())));
    }

    private static (int Min, int Max) MentorRange(Stage stage) => stage switch
    {
        Stage.Activist => (1, 2),
        Stage.DevelopmentTarget => (2, 2),
        Stage.Probationary => (0, 2),
        _ => (0, 0),
    };

    private async Task<RosterImportResult> WriteAsync(List<RosterRow> rows, List<Member> existing, DateOnly today, List<string> ignored, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var groups = await db.Groups.ToDictionaryAsync(g => g.Name, ct);
        var created = new List<string>();
        foreach (var name in rows.Select(r => r.GroupName).Distinct().Where(n => !groups.ContainsKey(n)))
        {
            var group = new Group(name);
            db.Groups.Add(group);
            groups.Add(name, group);
            created.Add(name);
        }
        await db.SaveChangesAsync(ct);

        var byNumber = existing.ToDictionary(m => m.StudentNumber, StringComparer.Ordinal);
        var changes = new Dictionary<string, (RosterRow Row, List<RosterColumn> Fields, bool Added)>();
        foreach (var row in rows)
        {
            var groupId = groups[row.GroupName].Id;
            if (byNumber.TryGetValue(row.StudentNumber, out var member))
            {
                var fields = member.Update(row.Name, groupId, row.Stage, row.StageSince, row.Roles, row.Email).Select(ColumnOf).ToList();
                changes[row.StudentNumber] = (row, fields, false);
            }
            else
            {
                member = new Member(row.StudentNumber, row.Name, groupId, row.Stage, row.StageSince, row.Roles, row.Email);
                db.Members.Add(member);
                byNumber.Add(row.StudentNumber, member);
                changes[row.StudentNumber] = (row, [], true);
            }
        }
        await db.SaveChangesAsync(ct);

        foreach (var row in rows)
        {
            var mentorIds = row.Mentors.Select(n => byNumber[n].Id).ToList();
            if (byNumber[row.StudentNumber].SetMentors(mentorIds) && !changes[row.StudentNumber].Added)
                changes[row.StudentNumber].Fields.Add(RosterColumn.Mentors);
        }
        await db.SaveChangesAsync(ct);

        DateOnly? trackingSet = null;
        var setting = await db.BranchSettings.FindAsync([BranchSetting.SingletonId], ct);
        if (setting?.TrackingStartsOn is null)
        {
            if (setting is null) db.BranchSettings.Add(setting = new BranchSetting());
            setting.TrackingStartsOn = trackingSet = today;
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);

        var inFile = rows.Select(r => r.StudentNumber).ToHashSet(StringComparer.Ordinal);
        return new RosterImportResult
        {
            Problems = [],
            Changes = rows.Select(r => changes[r.StudentNumber]).Select(c => new RosterChange(c.Row.Row, c.Row.StudentNumber, c.Row.Name,
                c.Added ? RosterChangeKind.Added : c.Fields.Count > 0 ? RosterChangeKind.Updated : RosterChangeKind.Unchanged, c.Fields)).ToList(),
            NotInFile = existing.Where(m => !inFile.Contains(m.StudentNumber)).OrderBy(m => m.StudentNumber, StringComparer.Ordinal)
                .Select(m => new RosterPerson(m.StudentNumber, m.Name)).ToList(),
            IgnoredColumns = ignored,
            GroupsCreated = created,
            TrackingStartsOnSet = trackingSet,
        };
    }

    private static RosterColumn ColumnOf(string memberField) => memberField switch
    {
        nameof(Member.Name) => RosterColumn.Name,
        nameof(Member.GroupId) => RosterColumn.Group,
        nameof(Member.Stage) => RosterColumn.Stage,
        nameof(Member.StageSince) => RosterColumn.StageSince,
        nameof(Member.Roles) => RosterColumn.Roles,
        nameof(Member.Email) => RosterColumn.Email,
        _ => throw new InvalidOperationException($"Member.Update reported an unknown field '{memberField}'."),
    };

    private static string Row(Draft d) => Inv(d.Row);
    private static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Draft(int row)
    {
        public int Row { get; } = row;
        public string? StudentNumber { get; init; }
        public string? Name { get; init; }
        public string? GroupName { get; init; }
        public string? Email { get; set; }
        public Stage? Stage { get; set; }
        public DateOnly? StageSince { get; set; }
        public List<string> Mentors { get; set; } = [];
        public Roles Roles { get; set; }

        // Only called once every row passed, so every required value is there.
        public RosterRow ToRow() => new(Row, StudentNumber!, Name!, Email, GroupName!, Stage!.Value, StageSince!.Value, Mentors, Roles);
    }
}
