using System.Globalization;
using System.Text;
using BranchBot.Bot.Cards;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Roster;

// Imports the branch roster from a CSV file, all or nothing. Errors (the file cannot be understood or would
// break the data) reject the whole file; warnings (a pipeline gap real branches live with) import and are listed.
// Rules, beyond well-formed values:
// - required columns: student number, name, group, stage, stage start date; email, mentors, roles optional;
//   an unknown column is an error (a misspelt "邮箱" must not import as "no email"), except the row number and
//   notes columns spreadsheets carry, which are ignored and reported; blank lines are skipped.
// - student numbers and emails are unique in the file, and an email may not belong to someone else in the
//   database who is not in the file.
// - mentors are named by student number, must be in the same file, full members (RosterRules.MayMentor), not the person themself;
//   more than RosterRules.MentorRange allows is an error, fewer (an activist with no mentor yet) a warning.
// - offices are held by party members (RosterRules.MayHoldOffice); secretary, organisation, propaganda and
//   discipline member by at most one person each (RosterRules.SingleHolderOffices), and each group has at most one leader.
// - a stage start date is not after today.
// - groups the database does not know are created (the report names them).
// Re-importing updates people in place by student number. People missing from the file are reported and
// kept: a roster file that forgot a sheet must not erase anyone's history. A changed stage is added to the person's
// stage history (Member.ImportStage); a changed date for the stage they hold corrects the history, and is reported so.
public sealed partial class RosterImport(BranchDbContext db)
{
    // As people type them and as Excel writes date cells into CSV (short date, long date, a date-time at midnight).
    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd",
        "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss",
    ];

    /// <summary>The largest file accepted, CSV or .xlsx: a branch's roster is a few hundred rows, far below it.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;
    // A workbook's rows in all sheets (a roster has hundreds): more is refused before it is read into memory.
    private const int MaxWorkbookRows = 20_000;

    /// <summary>Imports the file at once (the CLI and the demo): what a preview would show, then written.</summary>
    public async Task<RosterImportResult> ImportAsync(byte[] file, DateOnly today, CancellationToken ct) =>
        (await RunAsync(file, today, expectedToken: null, write: true, ct)).Result;

    /// <summary>What importing the file would do (errors, warnings, who is added, changed, left), without keeping
    /// anything; an accepted preview carries the token that <see cref="ApplyAsync"/> needs.</summary>
    public Task<RosterPreview> PreviewAsync(byte[] file, DateOnly today, CancellationToken ct) =>
        RunAsync(file, today, expectedToken: null, write: false, ct);

    /// <summary>Writes what the preview with <paramref name="token"/> showed, or nothing: refused when the roster,
    /// the file or the day is no longer the one previewed.</summary>
    public async Task<RosterImportResult> ApplyAsync(byte[] file, DateOnly today, string token, CancellationToken ct) =>
        (await RunAsync(file, today, token, write: true, ct)).Result;

    // One path for the three: a preview runs the very writes an apply makes, in a transaction it rolls back, so
    // the report it shows is the report an apply of the same file on the same roster returns.
    private async Task<RosterPreview> RunAsync(byte[] file, DateOnly today, string? expectedToken, bool write, CancellationToken ct)
    {
        var read = Read(file);
        if (read.Rejected is { } rejected) return new RosterPreview(rejected, null);
        var (records, titles) = (read.Records!, read.Titles);

        var problems = new List<RosterProblem>();
        var warnings = new List<RosterProblem>();
        var (columns, named, ignored) = ReadHeader(records[0].Row, records[0].Fields, problems);
        if (problems.Count > 0) return new RosterPreview(RosterImportResult.Rejected(problems), null);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Members.WithStageHistory().ToListAsync(ct);
        var token = await TokenAsync(file, today, existing, ct);
        if (expectedToken is not null && expectedToken != token)
            return new RosterPreview(RosterImportResult.Rejected([new RosterProblem(0, null, Stale(expectedToken, token))]), null);

        var drafts = records.Skip(1).Select(r => ReadRow(r.Row, r.Fields, columns, named, today, problems)).ToList();
        var kept = KeepWhatTheFileLeavesOut(drafts, columns, existing);
        CheckAcrossRows(drafts, existing, problems, warnings);
        if (problems.Count > 0) return new RosterPreview(RosterImportResult.Rejected(problems, warnings) with { IgnoredColumns = ignored }, null);

        var rows = drafts.Select(d => d.ToRow()).ToList();
        var result = await WriteAsync(rows, existing, today, ignored, ct) with { Warnings = RosterImportResult.InRowOrder(warnings), ColumnsKept = kept, TitleRows = titles };
        if (write) await transaction.CommitAsync(ct);
        else
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new RosterPreview(result, token);
    }

    private sealed record ReadFile(List<(int Row, List<string> Fields)>? Records, List<int> Titles, RosterImportResult? Rejected);

    // The file's records from the header on (CSV, or the first sheet of an .xlsx workbook), or why there are none.
    private static ReadFile Read(byte[] file)
    {
        static ReadFile Refuse(RosterProblemCode code, int row = 0, params string[] args) =>
            new(null, [], RosterImportResult.Rejected([new RosterProblem(row, null, code, args)]));

        if (file.Length > MaxFileBytes)
            return Refuse(RosterProblemCode.TooLarge, 0, Inv(MaxFileBytes / (1024 * 1024)), (file.Length / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture));
        List<(int Row, List<string> Fields)> records;
        if (Csv.IsXlsx(file))
        {
            IReadOnlyList<Infrastructure.Spreadsheets.XlsxSheetText> sheets;
            try
            {
                using var stream = new MemoryStream(file, writable: false);
                sheets = Infrastructure.Spreadsheets.Xlsx.Read(stream, MaxWorkbookRows);
            }
            catch (InvalidDataException)
            {
                return Refuse(RosterProblemCode.NotAWorkbook);
            }
            records = sheets.Count == 0 ? [] : sheets[0].Rows.Select((r, i) => (i + 1, r.ToList())).ToList();
        }
        else if (Csv.IsWorkbook(file)) return Refuse(RosterProblemCode.NotCsv);
        else
        {
            (records, var unterminatedAt) = Csv.Parse(Csv.Decode(file));
            if (unterminatedAt is { } at) return Refuse(RosterProblemCode.UnterminatedQuote, at);
            // The export guards formula-like fields with an apostrophe (Csv.Guarded); read them back as they were.
            records = records.Select(r => (r.Row, r.Fields.Select(Csv.Unguard).ToList())).ToList();
        }
        records.RemoveAll(r => r.Fields.All(string.IsNullOrWhiteSpace));
        if (records.Count > 0 && !records.Any(r => r.Fields.Any(f => RosterVocabulary.Column(Clean(f)) is not null)))
            return Refuse(RosterProblemCode.NotARoster);
        var titles = TitleRows(records);
        records.RemoveRange(0, titles.Count);
        if (records.Count < 2) return Refuse(RosterProblemCode.EmptyFile);
        return new ReadFile(records, titles, null);
    }

    // "roster.file": the file and the day (the same file imported on another day may differ: a date in the future,
    // the tracking start); "roster.state": everything of the database the import reads. An apply compares both.
    private async Task<string> TokenAsync(byte[] file, DateOnly today, List<Member> existing, CancellationToken ct)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Id).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var setting = await db.BranchSettings.AsNoTracking().Where(s => s.Id == BranchSetting.SingletonId).Select(s => s.TrackingStartsOn).FirstOrDefaultAsync(ct);
        var state = new StringBuilder();
        foreach (var g in groups) state.Append(CultureInfo.InvariantCulture, $"g{g.Id}:{g.Name}\n");
        foreach (var m in existing.OrderBy(m => m.Id))
        {
            state.Append(CultureInfo.InvariantCulture, $"m{m.Id}:{m.StudentNumber}|{m.Name}|{m.Email}|{m.GroupId}|{m.Stage}|{Iso(m.StageSince)}|{m.Roles}|{(m.GraduatesOn is { } g ? Iso(g) : "")}|");
            foreach (var a in m.Mentors.OrderBy(a => a.MentorId)) state.Append(CultureInfo.InvariantCulture, $"a{a.MentorId}{a.Kind},");
            foreach (var c in m.StageChanges.OrderBy(c => c.Id)) state.Append(CultureInfo.InvariantCulture, $"s{c.Id}{c.Stage}{Iso(c.Since)}{c.Source},");
            state.Append('\n');
        }
        state.Append(CultureInfo.InvariantCulture, $"t{(setting is { } d ? Iso(d) : "")}");
        return Hash(Encoding.UTF8.GetBytes(state.ToString())) + "." + Hash([.. file, .. Encoding.UTF8.GetBytes(Iso(today))]);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..32];

    private static RosterProblemCode Stale(string expected, string actual) =>
        expected.Split('.') is [var state, var file] && actual.Split('.') is [var nowState, var nowFile]
            ? state != nowState ? RosterProblemCode.RosterChangedSincePreview : file != nowFile ? RosterProblemCode.NotThePreviewedFile : RosterProblemCode.RosterChangedSincePreview
            : RosterProblemCode.NotThePreviewedFile;

    // Excel rosters often start with a title ("某某支部党员名单", merged across the columns) above the header. Lines
    // of a single cell before the first line that names a roster column are such titles; anything else stays and
    // is read as the header (and refused if it is not one).
    private static List<int> TitleRows(List<(int Row, List<string> Fields)> records)
    {
        var header = records.FindIndex(r => r.Fields.Any(f => RosterVocabulary.Column(Clean(f)) is not null));
        if (header <= 0) return [];
        var before = records.Take(header).ToList();
        return before.All(r => r.Fields.Count(f => Clean(f).Length > 0) == 1) ? before.Select(r => r.Row).ToList() : [];
    }

    // Named: the positions of every header cell with text, read or ignored; data anywhere else is an error.
    private static (Dictionary<RosterColumn, int> Columns, HashSet<int> Named, List<string> Ignored) ReadHeader(int row, List<string> header, List<RosterProblem> problems)
    {
        var columns = new Dictionary<RosterColumn, int>();
        var named = new HashSet<int>();
        var ignored = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var text = Clean(header[i]);
            if (text.Length == 0) continue;
            named.Add(i);
            if (RosterVocabulary.Column(text) is { } column)
            {
                if (!columns.TryAdd(column, i)) problems.Add(new RosterProblem(row, column, RosterProblemCode.DuplicateColumn, text));
            }
            else if (RosterVocabulary.IsIgnorable(text)) ignored.Add(text);
            else problems.Add(new RosterProblem(row, null, RosterProblemCode.UnknownColumn, text));
        }
        foreach (var column in RosterVocabulary.Required.Where(c => !columns.ContainsKey(c)))
            problems.Add(new RosterProblem(row, column, RosterProblemCode.MissingColumn));
        return (columns, named, ignored);
    }

    private static Draft ReadRow(int row, List<string> fields, Dictionary<RosterColumn, int> columns, HashSet<int> named, DateOnly today, List<RosterProblem> problems)
    {
        string Field(RosterColumn c) => columns.TryGetValue(c, out var i) && i < fields.Count ? Clean(fields[i]) : "";
        // Numbers, dates, addresses and lists typed with a Chinese IME come full-width (２０２６／３／５, ＠, ；).
        string Code(RosterColumn c) => Field(c).Normalize(NormalizationForm.FormKC);
        void Problem(RosterColumn? c, RosterProblemCode code, params string[] args) => problems.Add(new RosterProblem(row, c, code, args));
        string? Required(RosterColumn c, string value)
        {
            if (value.Length > 0) return value;
            Problem(c, RosterProblemCode.MissingValue);
            return null;
        }

        // Data under no header is data no column names: usually an unquoted comma shifting the row.
        if (Enumerable.Range(0, fields.Count).Any(i => !named.Contains(i) && Clean(fields[i]).Length > 0))
            Problem(null, RosterProblemCode.ExtraFields);

        var draft = new Draft(row)
        {
            StudentNumber = Required(RosterColumn.StudentNumber, Code(RosterColumn.StudentNumber)),
            Name = Required(RosterColumn.Name, Field(RosterColumn.Name)),
            GroupName = Required(RosterColumn.Group, Field(RosterColumn.Group)),
        };
        if (draft.StudentNumber is { } number && IsScientific(number))
            Problem(RosterColumn.StudentNumber, RosterProblemCode.ScientificNotation, number);

        var email = Code(RosterColumn.Email);
        if (email.Length > 0)
        {
            if (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
                Problem(RosterColumn.Email, RosterProblemCode.InvalidEmail, email);
            else draft.Email = email.ToLowerInvariant();
        }

        if (Required(RosterColumn.Stage, Field(RosterColumn.Stage)) is { } stageText)
        {
            draft.Stage = RosterVocabulary.StageOf(stageText);
            if (draft.Stage is null) Problem(RosterColumn.Stage, RosterProblemCode.UnknownStage, stageText);
        }

        if (Required(RosterColumn.StageSince, Code(RosterColumn.StageSince)) is { } dateText)
        {
            if (!DateTime.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                Problem(RosterColumn.StageSince, RosterProblemCode.InvalidDate, dateText);
            else
            {
                var since = DateOnly.FromDateTime(at);
                if (since > today) Problem(RosterColumn.StageSince, RosterProblemCode.FutureDate, Iso(since), Iso(today));
                else draft.StageSince = since;
            }
        }

        draft.Mentors = RosterVocabulary.SplitList(Code(RosterColumn.Mentors)).Distinct().ToList();
        foreach (var mentor in draft.Mentors.Where(IsScientific))
            Problem(RosterColumn.Mentors, RosterProblemCode.ScientificNotation, mentor);

        // A graduation date may be in the future (it usually is); an empty cell means none is known.
        var graduates = Code(RosterColumn.GraduatesOn);
        if (graduates.Length > 0)
        {
            if (!DateTime.TryParseExact(graduates, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
                Problem(RosterColumn.GraduatesOn, RosterProblemCode.InvalidDate, graduates);
            else draft.GraduatesOn = DateOnly.FromDateTime(on);
        }

        foreach (var roleText in RosterVocabulary.SplitList(Code(RosterColumn.Roles)))
        {
            if (RosterVocabulary.RoleOf(roleText) is { } role) draft.Roles |= role;
            else Problem(RosterColumn.Roles, RosterProblemCode.UnknownRole, roleText);
        }
        return draft;
    }

    // An optional column the file does not have says nothing: people already on the roster keep what is stored (a
    // spreadsheet without emails must not unlink everyone from Teams, nor one without offices demote the committee).
    private static List<RosterColumn> KeepWhatTheFileLeavesOut(List<Draft> drafts, Dictionary<RosterColumn, int> columns, List<Member> existing)
    {
        RosterColumn[] optional = [RosterColumn.Email, RosterColumn.Mentors, RosterColumn.Roles];
        var absent = optional.Where(c => !columns.ContainsKey(c)).ToList();
        // The graduation date is kept too, without a word: most rosters never had the column.
        var keepGraduation = !columns.ContainsKey(RosterColumn.GraduatesOn);
        if ((absent.Count == 0 && !keepGraduation) || existing.Count == 0) return [];
        var byNumber = existing.ToDictionary(m => m.StudentNumber, StringComparer.Ordinal);
        var numberOf = existing.ToDictionary(m => m.Id, m => m.StudentNumber);
        foreach (var d in drafts)
        {
            if (d.StudentNumber is null || !byNumber.TryGetValue(d.StudentNumber, out var member)) continue;
            if (absent.Contains(RosterColumn.Email)) d.Email = member.Email;
            if (absent.Contains(RosterColumn.Roles)) d.Roles = member.Roles;
            if (keepGraduation) d.GraduatesOn = member.GraduatesOn;
            if (absent.Contains(RosterColumn.Mentors)) d.Mentors = member.Mentors.Select(a => numberOf[a.MentorId]).Order(StringComparer.Ordinal).ToList();
        }
        return absent;
    }

    private static void CheckAcrossRows(List<Draft> drafts, List<Member> existing, List<RosterProblem> problems, List<RosterProblem> warnings)
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
        // Excel reads 0123 as the number 123: importing it would add a second person and orphan the first.
        foreach (var d in drafts.Where(d => d.StudentNumber is not null))
            if (absent.FirstOrDefault(m => m.StudentNumber != d.StudentNumber && m.StudentNumber.TrimStart('0') == d.StudentNumber!.TrimStart('0')) is { } same)
                problems.Add(new RosterProblem(d.Row, RosterColumn.StudentNumber, RosterProblemCode.LeadingZerosLost, d.StudentNumber!, same.StudentNumber, same.Name));

        foreach (var d in drafts)
        {
            foreach (var mentor in d.Mentors.Where(m => !IsScientific(m))) // those are reported with their row
            {
                if (mentor == d.StudentNumber)
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.MentorIsSelf));
                else if (!byNumber.TryGetValue(mentor, out var m))
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.MentorNotInFile, mentor));
                else if (m.Stage is { } stage && !RosterRules.MayMentor(stage))
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.MentorNotFull, m.Name ?? "", mentor, stage.ToString()));
            }
            if (d.Stage is { } s)
            {
                var (min, max) = RosterRules.MentorRange(s);
                if (d.Mentors.Count > max)
                    problems.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.TooManyMentors, s.ToString(), Inv(max), Inv(d.Mentors.Count)));
                else if (d.Mentors.Count < min)
                    warnings.Add(new RosterProblem(d.Row, RosterColumn.Mentors, RosterProblemCode.TooFewMentors, s.ToString(), Inv(min), Inv(d.Mentors.Count)));
                if (!RosterRules.MayHoldOffice(s))
                    foreach (var role in RosterVocabulary.Each(d.Roles))
                        problems.Add(new RosterProblem(d.Row, RosterColumn.Roles, RosterProblemCode.RoleNeedsPartyMember, role.ToString()));
            }
        }

        foreach (var office in RosterRules.SingleHolderOffices)
            foreach (var extra in drafts.Where(d => d.Roles.HasFlag(office)).Skip(1))
                problems.Add(new RosterProblem(extra.Row, RosterColumn.Roles, RosterProblemCode.OfficeHeldTwice, office.ToString(),
                    Row(drafts.First(d => d.Roles.HasFlag(office)))));

        foreach (var group in drafts.Where(d => d.Roles.HasFlag(Roles.GroupLeader) && d.GroupName is not null).GroupBy(d => d.GroupName!))
            foreach (var extra in group.Skip(1))
                problems.Add(new RosterProblem(extra.Row, RosterColumn.Roles, RosterProblemCode.TwoGroupLeaders, group.Key, Row(group.First())));
    }

    private async Task<RosterImportResult> WriteAsync(List<RosterRow> rows, List<Member> existing, DateOnly today, List<string> ignored, CancellationToken ct)
    {
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
        var changes = new Dictionary<string, (RosterRow Row, List<RosterColumn> Fields, bool Added, RosterStageChange? Stage)>();
        foreach (var row in rows)
        {
            var groupId = groups[row.GroupName].Id;
            if (byNumber.TryGetValue(row.StudentNumber, out var member))
            {
                var fields = member.Update(row.Name, groupId, row.Roles, row.Email).Select(ColumnOf).ToList();
                if (member.GraduatesOn != row.GraduatesOn) { member.SetGraduation(row.GraduatesOn); fields.Add(RosterColumn.GraduatesOn); }
                var (before, beforeSince) = (member.Stage, member.StageSince);
                RosterStageChange? stage = null;
                // A new stage (or a corrected one) is a fact added to the history: what the person owed before stays owed.
                if (member.ImportStage(row.Stage, row.StageSince, today) is { } source)
                {
                    stage = new RosterStageChange(before, beforeSince, row.Stage, row.StageSince, source == StageChangeSource.Correction);
                    if (before != row.Stage) fields.Add(RosterColumn.Stage);
                    if (beforeSince != row.StageSince) fields.Add(RosterColumn.StageSince);
                }
                changes[row.StudentNumber] = (row, fields, false, stage);
            }
            else
            {
                member = new Member(row.StudentNumber, row.Name, groupId, row.Stage, row.StageSince, row.Roles, row.Email, recordedOn: today);
                member.SetGraduation(row.GraduatesOn);
                db.Members.Add(member);
                byNumber.Add(row.StudentNumber, member);
                changes[row.StudentNumber] = (row, [], true, null);
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

        var inFile = rows.Select(r => r.StudentNumber).ToHashSet(StringComparer.Ordinal);
        return new RosterImportResult
        {
            Problems = [],
            Changes = rows.Select(r => changes[r.StudentNumber]).Select(c => new RosterChange(c.Row.Row, c.Row.StudentNumber, c.Row.Name,
                c.Added ? RosterChangeKind.Added : c.Fields.Count > 0 ? RosterChangeKind.Updated : RosterChangeKind.Unchanged, c.Fields) { Stage = c.Stage }).ToList(),
            NotInFile = existing.Where(m => !inFile.Contains(m.StudentNumber)).OrderBy(m => m.StudentNumber, StringComparer.Ordinal)
                .Select(m => new RosterPerson(m.StudentNumber, m.Name)).ToList(),
            IgnoredColumns = ignored,
            GroupsCreated = created,
            GroupsBefore = groups.Keys.Except(created).Order(StringComparer.Ordinal).ToList(),
            TrackingStartsOnSet = trackingSet,
            TrackingStartsOnStored = setting.TrackingStartsOn,
        };
    }

    private static RosterColumn ColumnOf(string memberField) => memberField switch
    {
        nameof(Member.Name) => RosterColumn.Name,
        nameof(Member.GroupId) => RosterColumn.Group,
        nameof(Member.Roles) => RosterColumn.Roles,
        nameof(Member.Email) => RosterColumn.Email,
        _ => throw new InvalidOperationException($"Member.Update reported an unknown field '{memberField}'."),
    };

    // Invisible characters Excel and copy-paste leave behind (zero-width space, a BOM inside the text) go with the
    // surrounding whitespace, which Trim already takes to include non-breaking and ideographic spaces.
    private static string Clean(string value) => value.Replace("\u200B", "", StringComparison.Ordinal).Replace("\uFEFF", "", StringComparison.Ordinal).Trim();

    // Excel shows a long number in a General cell as 2.01901E+11 and saves that text into CSV: the digits are lost.
    private static bool IsScientific(string value) => ScientificNumber().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+(\.\d+)?E\+\d+$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ScientificNumber();

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
        public DateOnly? GraduatesOn { get; set; }

        // Only called once every row passed, so every required value is there.
        public RosterRow ToRow() => new(Row, StudentNumber!, Name!, Email, GroupName!, Stage!.Value, StageSince!.Value, Mentors, Roles, GraduatesOn);
    }
}
