using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Assessment;
using BranchBot.Domain.Meetings;

namespace BranchBot.Bot.Features.Assessment;

/// <summary>The assessment sheet's cards (schema 1.2): a group's sheets with the form to record a duty or the conduct, one's own sheet, the committee's group picker.</summary>
public static class AssessmentCards
{
    public const string GroupInput = "assessmentGroup";
    public const string PersonInput = "assessmentPerson";
    public const string KindInput = "assessmentKind";
    public const string DateInput = "assessmentDate";
    public const string NoteInput = "assessmentNote";
    public const string RatingInput = "assessmentRating";
    public const string SemesterInput = "assessmentSemester";
    public const string GroupField = "group";
    public const string FormatField = "format";

    /// <summary>The committee picks a group.</summary>
    public static AdaptiveCard Groups(Language language, IReadOnlyList<Group> groups, string cardId)
    {
        string L(string key, params object?[] args) => Texts.Default.Get(language, key, args);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(L("assessment.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new InputChoiceSet(GroupInput, [.. groups.Select(g => new Choice(g.Name, g.Id.ToString(CultureInfo.InvariantCulture)))])
                {
                    Label = L("assessment.group"), Style = ChoiceStyle.Compact, IsRequired = true, ErrorMessage = L("error.missingField", L("assessment.group")),
                },
            ],
            [new ActionSubmit(L("assessment.open"), CardActionData.For(Verbs.AssessmentGroup, cardId))]);
    }

    /// <summary>A group's activists with their counts and, for a leader or the committee, the form to record a duty or the conduct.</summary>
    public static AdaptiveCard Group(Language language, string groupName, IReadOnlyList<Semester> semesters, IReadOnlyList<AssessmentSheet> sheets, DateOnly today, string cardId,
        int? exportGroupId = null)
    {
        string L(string key, params object?[] args) => Texts.Default.Get(language, key, args);
        var semester = semesters[0];
        var body = new List<CardElement>
        {
            TextBlock.Trusted(L("assessment.groupTitle", Markdown.Escape(groupName), SemesterName(language, semester))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        var actions = new List<CardAction>();
        if (sheets.Count == 0)
        {
            body.Add(TextBlock.Trusted(L("assessment.nobody")) with { IsSubtle = true });
            return new AdaptiveCard(body, actions);
        }
        if (exportGroupId is { } exported)
        {
            // The sheets as a file, through the yearly export's download link (the roles are checked again at download).
            var group = exported.ToString(CultureInfo.InvariantCulture);
            actions.Add(new ActionSubmit(L("assessment.exportXlsx"), CardActionData.For(Verbs.AssessmentExport, cardId).With(GroupField, group).With(FormatField, nameof(ExportFormat.Xlsx))));
            actions.Add(new ActionSubmit(L("assessment.exportCsv"), CardActionData.For(Verbs.AssessmentExport, cardId).With(GroupField, group).With(FormatField, nameof(ExportFormat.Csv))));
        }
        var names = PersonNames.Distinct(language, [.. sheets.Select(s => new NamedPerson(s.Member.Id, s.Member.Name, s.Member.StudentNumber))]);
        foreach (var s in sheets) body.Add(TextBlock.Trusted($"**{Markdown.Escape(names[s.Member.Id])}**: {Line(language, s)}"));

        var people = sheets.Select(s => new Choice(names[s.Member.Id], s.Member.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        body.Add(TextBlock.Trusted(L("assessment.record")) with { Weight = TextWeight.Bolder, Separator = true });
        body.Add(new InputChoiceSet(PersonInput, people) { Label = L("assessment.person"), Style = ChoiceStyle.Compact });
        body.Add(new InputChoiceSet(KindInput, [.. Enum.GetValues<BranchDutyKind>().Select(k => new Choice(DutyName(language, k), k.ToString()))])
            { Label = L("assessment.kind"), Style = ChoiceStyle.Compact });
        body.Add(new InputDate(DateInput) { Label = L("assessment.date"), Value = today, Max = today, Min = semesters[^1].Start });
        body.Add(new InputText(NoteInput) { Label = L("assessment.note"), MaxLength = BranchDutyRecord.MaxNoteLength });
        actions.Add(new ActionSubmit(L("assessment.recordDuty"), CardActionData.For(Verbs.AssessmentDuty, cardId)) { Style = ActionStyle.Positive });

        body.Add(new InputChoiceSet(RatingInput, [.. Enum.GetValues<ConductRating>().Select(r => new Choice(RatingName(language, r), r.ToString()))])
            { Label = L("assessment.rating"), Style = ChoiceStyle.Compact, Separator = true });
        body.Add(new InputChoiceSet(SemesterInput, [.. semesters.Select(x => new Choice(SemesterName(language, x), x.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))])
            { Label = L("assessment.semester"), Style = ChoiceStyle.Compact, Value = semester.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        actions.Add(new ActionSubmit(L("assessment.rateConduct"), CardActionData.For(Verbs.AssessmentConduct, cardId)));
        return new AdaptiveCard(body, actions);
    }

    /// <summary>The answer to an export: the link, and until when it works.</summary>
    public static AdaptiveCard Link(Language language, string groupName, Semester semester, string expires, Uri url) => new(
        [TextBlock.Trusted(Texts.Default.Get(language, "assessment.exportReady", Markdown.Escape(groupName), SemesterName(language, semester), expires)) with { Wrap = true }],
        [new ActionOpenUrl(Texts.Default.Get(language, "assessment.download"), url)]);

    /// <summary>An activist's own sheet.</summary>
    public static AdaptiveCard Own(Language language, AssessmentSheet sheet)
    {
        string L(string key, params object?[] args) => Texts.Default.Get(language, key, args);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(L("assessment.ownTitle", SemesterName(language, sheet.Semester))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(L("assessment.reports", sheet.ReportsHandedIn, sheet.ReportsOwed, sheet.ReportsExcused)),
            TextBlock.Trusted(L("assessment.talks", sheet.Talks, sheet.TalksConfirmed, sheet.TalksUnconfirmed)),
        };
        foreach (var (kind, n) in sheet.Duties) body.Add(TextBlock.Trusted(L("assessment.dutyCount", DutyName(language, kind), n)));
        body.Add(TextBlock.Trusted(L("assessment.conduct", Conduct(language, sheet.Conduct))));
        return new AdaptiveCard(body, []);
    }

    /// <summary>One line of counts: reports, talks, duties, conduct.</summary>
    public static string Line(Language language, AssessmentSheet s) => Texts.Default.Get(language, "assessment.line",
        s.ReportsHandedIn, s.ReportsOwed, s.ReportsExcused, s.Talks, s.TalksConfirmed, s.DutiesTotal, Conduct(language, s.Conduct));

    private static string Conduct(Language language, ConductRecord? c) => c is null ? Texts.Default.Get(language, "assessment.notRated")
        : c.Note is null ? RatingName(language, c.Rating) : $"{RatingName(language, c.Rating)} ({Markdown.Escape(c.Note)})";

    public static string DutyName(Language language, BranchDutyKind kind) => Texts.Default.Get(language, kind switch
    {
        BranchDutyKind.DormCheck => "assessment.duty.dormCheck",
        BranchDutyKind.ClassCheck => "assessment.duty.classCheck",
        BranchDutyKind.DutyShift => "assessment.duty.dutyShift",
        BranchDutyKind.Cleaning => "assessment.duty.cleaning",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    });

    public static string RatingName(Language language, ConductRating rating) => Texts.Default.Get(language, rating switch
    {
        ConductRating.Excellent => "assessment.rating.excellent",
        ConductRating.Good => "assessment.rating.good",
        ConductRating.Adequate => "assessment.rating.adequate",
        ConductRating.NeedsImprovement => "assessment.rating.needsImprovement",
        _ => throw new ArgumentOutOfRangeException(nameof(rating)),
    });

    public static string SemesterName(Language language, Semester semester) =>
        Texts.Default.Get(language, "assessment.semesterName", Formats.Date(language, semester.Start), Formats.Date(language, semester.End));
}
