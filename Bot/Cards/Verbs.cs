namespace BranchBot.Bot.Cards;

/// <summary>Every verb our cards send. The router maps these to handlers; anything else is "error.unknownVerb".</summary>
public static class Verbs
{
    public const string ReportForm = "report.form";
    public const string ReportSubmit = "report.submit";
    public const string ExtensionRequest = "extension.request";
    public const string ExtensionDecide = "extension.decide";
    /// <summary>Opens the talk form; reminders preselect the mentee by student number in <c>mentee</c>.</summary>
    public const string TalkForm = "talk.form";
    public const string TalkSubmit = "talk.submit";
    /// <summary>Opens the interactive overdue list (the leader's summary links to it).</summary>
    public const string OverdueShow = "overdue.show";
    /// <summary>Another page or view of the overdue list: <c>scope</c> (Group/Branch) and <c>page</c>, both re-checked.</summary>
    public const string OverduePage = "overdue.page";
    public const string OverdueNudge = "overdue.nudge";
    public const string OverdueNudgeAll = "overdue.nudgeAll";
    public const string OverdueExcuse = "overdue.excuse";
    public const string StatusShow = "status.show";
    public const string LanguageSet = "language.set";
    /// <summary>The committee saves the policy card; <c>version</c> is the policy change the card was built from.</summary>
    public const string PolicySave = "policy.save";
    /// <summary>Report review: open a report (<c>submission</c>), decide it, list one's own, read one version again.</summary>
    public const string ReviewOpen = "review.open";
    public const string ReviewDecide = "review.decide";
    public const string ReportsMine = "reports.mine";
    public const string ReportRead = "report.read";
    /// <summary>The mentee confirms or disputes a logged talk (<c>talk</c>, <c>answer</c>).</summary>
    public const string TalkAnswer = "talk.answer";
    /// <summary>Pipeline (committee only): the card names the person in <c>subject</c> and the stage start it was built for in <c>since</c>, both re-checked.</summary>
    public const string PipelineDevelopForm = "pipeline.develop.form";
    public const string PipelineDevelopSubmit = "pipeline.develop.submit";
    public const string PipelineDefenceForm = "pipeline.defence.form";
    public const string PipelineDefenceScore = "pipeline.defence.score";
    public const string PipelineAdmitForm = "pipeline.admit.form";
    public const string PipelineAdmitSubmit = "pipeline.admit.submit";
    public const string PipelineProbationForm = "pipeline.probation.form";
    public const string PipelineProbationSubmit = "pipeline.probation.submit";
    /// <summary>Selection of activists (公示): forms name the person in <c>subject</c> (and <c>since</c>), notices and objections their <c>selection</c> / <c>objection</c>, all re-checked.</summary>
    public const string SelectionNominateForm = "selection.nominate.form";
    public const string SelectionNominateSubmit = "selection.nominate.submit";
    public const string SelectionObject = "selection.object";
    public const string SelectionObjectionForm = "selection.objection.form";
    public const string SelectionObjectionResolve = "selection.objection.resolve";
    public const string SelectionConcludeForm = "selection.conclude.form";
    public const string SelectionConcludeSubmit = "selection.conclude.submit";
    /// <summary>The activist quarterly evaluation (考察鉴定) and stopping cultivation (committee only; <c>subject</c>, <c>since</c>).</summary>
    public const string ActivistEvaluateForm = "activist.evaluate.form";
    public const string ActivistEvaluateSubmit = "activist.evaluate.submit";
    public const string ActivistStopForm = "activist.stop.form";
    public const string ActivistStopSubmit = "activist.stop.submit";
    // Meetings (三会一课): attendee cards carry <c>meeting</c> and <c>version</c>, both re-checked.
    public const string MeetingsSchedule = "meetings.schedule";
    public const string MeetingsCheckIn = "meetings.checkIn";
    public const string MeetingsAbsent = "meetings.absent";
    public const string MeetingsMinutesForm = "meetings.minutes.form";
    public const string MeetingsMinutesSave = "meetings.minutes.save";
    /// <summary>The yearly export's form asks for a download link (year, format, scope: all re-checked).</summary>
    public const string ExportYearly = "export.yearly";
    // The academic calendar: the committee records a person's leave.
    public const string CalendarLeaveSave = "calendar.leave.save";
    // The academic calendar's spans (校历), committee only: add one, remove one (<c>spanRemove</c>, re-checked).
    public const string CalendarSpanAdd = "calendar.span.add";
    public const string CalendarSpanRemove = "calendar.span.remove";
    // Evaluations (half-yearly comprehensive evaluation): rating cards carry <c>round</c> and <c>part</c>, both re-checked against the speaker.
    public const string EvaluationsOpen = "evaluations.open";
    public const string EvaluationsChase = "evaluations.chase";
    public const string EvaluationsRate = "evaluations.rate";
    // Party school (the April and October training), committee only.
    public const string PartySchoolForm = "partySchool.form";
    public const string PartySchoolNominate = "partySchool.nominate";
    public const string PartySchoolComplete = "partySchool.complete";
    // Party dues (党费), committee only except dues.mine: cards carry <c>duesMonth</c>, re-checked; member ids in input names are checked against the month's list.
    public const string DuesPay = "dues.pay";
    public const string DuesRate = "dues.rate";
    public const string DuesRemit = "dues.remit";
    public const string DuesCorrect = "dues.correct";
    public const string DuesExport = "dues.export";
    public const string DuesMine = "dues.mine";
    // Graduate transfers (组织关系转接), committee only: open the card, record a letter, record a receipt.
    public const string TransfersShow = "transfers.show";
    public const string TransfersLetter = "transfers.letter";
    public const string TransfersReceipt = "transfers.receipt";
    // The semester assessment sheet (考察表): the committee picks a group; a leader or the committee records a duty or the conduct.
    public const string AssessmentGroup = "assessment.group";
    public const string AssessmentDuty = "assessment.duty";
    public const string AssessmentConduct = "assessment.conduct";
    public const string AssessmentExport = "assessment.export";
}

public static class CardLimits
{
    /// <summary>Longest report text accepted (UTF-16 units, as Input.Text maxLength counts).</summary>
    public const int ReportMaxLength = 20_000;
    public const int ReasonMaxLength = 500;
    public const int TopicMaxLength = 200;
    public const int SummaryMaxLength = 5_000;
    public const int FollowUpMaxLength = 1_000;
}
