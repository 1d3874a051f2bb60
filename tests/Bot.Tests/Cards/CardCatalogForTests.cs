using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Features.Info;
using BranchBot.Bot.Features.Meetings;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Features.Summary;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Domain.Meetings;

namespace BranchBot.Bot.Tests.Cards;

/// <summary>
/// Every card builder, fed hostile user text wherever a builder takes any. Add each new builder here: the renderer
/// test then proves it parses in Microsoft's renderer in every language, with every hostile text.
/// </summary>
public static class CardCatalogForTests
{
    public sealed record Entry(string Name, Func<Language, string, AdaptiveCard> Build);

    // A meeting's place and topic are never blank and at most 200 characters (the flow checks both).
    private static BranchBot.Domain.Assessment.AssessmentSheet AssessmentSheetSample(string text) =>
        new(new Member("2025001", string.IsNullOrEmpty(text) ? "张三" : text, 1, Stage.Activist, new DateOnly(2026, 3, 15)),
            new Semester(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31)), 2, 1, 1, 1, 2,
            Enum.GetValues<BranchBot.Domain.Assessment.BranchDutyKind>().ToDictionary(k => k, k => (int)k),
            new BranchBot.Domain.Assessment.ConductRecord(1, new DateOnly(2026, 9, 1), BranchBot.Domain.Assessment.ConductRating.Good, text.Length > 200 ? text[..200] : text, 2, DateTimeOffset.UnixEpoch));

    private static string MeetingText(string text, string blank) => string.IsNullOrWhiteSpace(text) ? blank : text.Length > 200 ? text[..200] : text;

    // A receipt number is never blank and at most 64 characters (the flow checks both).
    private static BranchBot.Domain.Dues.DuesPayment DuesPaid(string text) =>
        new(1, Period.Parse("2026-10"), 0.5m, string.IsNullOrWhiteSpace(text) ? "R1" : text[..Math.Min(64, text.Length)], new DateOnly(2026, 10, 9), 2, DateTimeOffset.UnixEpoch);

    private static BranchBot.Bot.Features.Dues.DuesMonthView DuesView(string text)
    {
        var month = Period.Parse("2026-11");
        var paid = new BranchBot.Domain.Dues.DuesPayment(1, month, 0.5m, string.IsNullOrWhiteSpace(text) ? "R1" : text[..Math.Min(64, text.Length)], new DateOnly(2026, 11, 9), 2, DateTimeOffset.UnixEpoch);
        return new(month,
            [new(1, text, "2024001", 0.5m, paid), new(2, text, "T001", 20m, null), new(3, "钱组长", "2023001", null, null)],
            new BranchBot.Domain.Dues.DuesMonth(month, 3, 1, 20.5m, 0.5m, [2, 3], [3], null, null), null,
            [new(1, text, "2024001"), new(2, "赵老师", "T001")], [Period.Parse("2026-12"), month, Period.Parse("2026-10")]);
    }

    public static readonly IReadOnlyList<Entry> All =
    [
        // The academic calendar
        new("calendar-leave", (lang, text) => BranchBot.Bot.Features.Calendar.LeaveCard.Build(lang,
            [new(1, text, "2025001"), new(2, "李四", string.IsNullOrEmpty(text) ? "2025002" : text)], new DateOnly(2026, 11, 19), "card-l")),
        // Party dues (党费)
        new("dues-month", (lang, text) => BranchBot.Bot.Features.Dues.DuesMonthCard.Build(lang, DuesView(text), "card-d")),
        new("dues-mine", (lang, text) => BranchBot.Bot.Features.Dues.DuesMineCard.Build(lang, 2026,
            [new(Period.Parse("2026-10"), true, 0.5m, DuesPaid(text)), new(Period.Parse("2026-11"), true, 0.5m, null), new(Period.Parse("2026-09"), true, null, null)])),
        new("dues-reminder", (lang, _) => BranchBot.Bot.Features.Dues.DuesReminderCard.Build(lang, Period.Parse("2026-11"), 0.5m)),
        new("dues-links", (lang, _) => BranchBot.Bot.Features.Dues.DuesLinksCard.Build(lang, Period.Parse("2026-11"), "2026年11月19日 11:00",
            new Uri("https://bot.example/downloads/a"), new Uri("https://bot.example/downloads/b"))),
        new("calendar-spans", (lang, _) => BranchBot.Bot.Features.Calendar.SpanCard.Build(lang,
            [new(BranchBot.Domain.Calendar.SpanKind.Semester, new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 17)),
             new(BranchBot.Domain.Calendar.SpanKind.ExamWeek, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 17))], new DateOnly(2026, 11, 19), "card-sp")),
        new("calendar-spans-empty", (lang, _) => BranchBot.Bot.Features.Calendar.SpanCard.Build(lang, [], new DateOnly(2026, 11, 19), "card-sp0")),
        // Graduate transfers (组织关系转接)
        new("transfers-card", (lang, text) => BranchBot.Bot.Features.Transfers.TransfersCard.Build(lang, 2026,
            [new(1, text, "2024001", new DateOnly(2026, 7, 1), null, null, null), new(2, text, text, new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 10), text, null),
             new(3, "周六", "2024003", null, new DateOnly(2025, 6, 10), text, new DateOnly(2025, 9, 1))], new DateOnly(2026, 11, 19), "card-t")),
        new("transfers-card-empty", (lang, _) => BranchBot.Bot.Features.Transfers.TransfersCard.Build(lang, 2026, [], new DateOnly(2026, 11, 19), "card-t0")),
        new("transfers-chase", (lang, text) => BranchBot.Bot.Features.Transfers.TransfersCard.Chase(lang,
            [new(2, text, text, new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 10), text, null)], new DateOnly(2026, 12, 1))),
        new("transfers-chase-member", (lang, text) => BranchBot.Bot.Features.Transfers.TransfersCard.ChaseMember(lang,
            new(2, text, text, new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 10), text, null))),
        // Meetings (三会一课)
        new("meetings-form", (lang, _) => MeetingFormCard.Build(lang, Enum.GetValues<MeetingKind>(), new DateOnly(2026, 11, 19), "card-m")),
        new("meetings-invitation", (lang, text) => MeetingCard.Build(lang, new Meeting(MeetingKind.General, null, 1, 1, new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero),
            MeetingText(text, "A101"), true, MeetingText(text, "学习"), [1, 2], DateTimeOffset.UnixEpoch, "1:k"), text, "2026年11月20日 14:00", true)),
        new("meetings-minutes", (lang, text) => MeetingMinutesCard.Build(lang, new Meeting(MeetingKind.Committee, null, 1, 1, new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero),
            "A101", false, MeetingText(text, "学习"), [1], DateTimeOffset.UnixEpoch, "1:k"), "2026年11月20日 14:00")),
        new("meetings-done", (lang, text) => MeetingCard.Done(Markdown.Escape(text))),
        // The yearly export
        new("export-form", (lang, text) => YearlyExportCard.Build(lang, [2026, 2025, 2024, 2023, 2022], 2025,
            [new ExportScope(YearlyExportCard.BranchScope, "全支部：" + text), new ExportScope("1", text), new ExportScope("2", "第二小组")], "card-e")),
        new("export-form-leader", (lang, _) => YearlyExportCard.Build(lang, [2026, 2025, 2024, 2023, 2022], 2026, [new ExportScope("1", "第一小组")], "card-e1")),
        new("export-link", (lang, text) => YearlyExportCard.Link(lang, 2026, ExportFormat.Xlsx, text, "2026年11月19日 10:30",
            new Uri("https://branchbot.example.edu/downloads/CfDJ8N_x-y" + new string('a', 300)))),
        new("pipeline-develop", (lang, text) => DevelopmentCard.Build(lang, new DevelopmentView(new NamedPerson(7, text, "2025001"), text, new DateOnly(2025, 11, 19), true),
            [new NamedPerson(8, text, "T001"), new NamedPerson(9, text, "T002"), new NamedPerson(10, "孙书记", "2022001")], new DateOnly(2026, 11, 19), "card-d")),
        new("pipeline-defence", (lang, text) => DefenceCard.Build(lang, new DefenceView(new NamedPerson(7, text, "2025003"), new DateOnly(2026, 5, 1),
            DefenceScoring.Result([new(80, 90), new(85, 72)]), new DefenceMarks(80, 90)), "card-s")),
        new("pipeline-defence-first", (lang, text) => DefenceCard.Build(lang, new DefenceView(new NamedPerson(7, text, "2025003"), new DateOnly(2026, 5, 1), DefenceScoring.Result([]), null), "card-s0")),
        new("pipeline-admit", (lang, text) => AdmissionCard.Build(lang, new DefenceView(new NamedPerson(7, text, "2025003"), new DateOnly(2026, 5, 1),
            DefenceScoring.Result([new(80, 90), new(85, 72), new(60, 70)]), null), new DateOnly(2026, 11, 19), "card-a")),
        // Selection of activists (公示), the activist quarterly evaluation, stopping cultivation
        new("selection-nominate", (lang, text) => NominationCard.Build(lang, new NamedPerson(7, text, "2025002"), new DateOnly(2026, 3, 1),
            [new NamedPerson(8, text, "T001"), new NamedPerson(9, "钱组长", "2023001")], new DateOnly(2026, 11, 19), 7, "card-n")),
        new("selection-notice", (lang, text) => NoticeCard.Build(lang, 42, new NamedPerson(7, text, "2025002"), text, new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 25), "card-o")),
        new("selection-objection", (lang, text) => ObjectionCard.Build(lang, 5, new NamedPerson(7, text, "2025002"), new NamedPerson(8, text, "2025001"),
            string.IsNullOrWhiteSpace(text) ? "理由" : text, new DateOnly(2026, 11, 25))),
        new("selection-objection-notice", (lang, text) => ObjectionCard.Notice(lang, 5, new NamedPerson(7, text, "2025002"), new NamedPerson(8, text, "2025001"), text)),
        new("selection-conclude", (lang, text) => ConclusionCard.Build(lang, 42, new NamedPerson(7, text, "2025002"), new DateOnly(2026, 11, 26),
            [new NamedPerson(8, text, "T001"), new NamedPerson(9, "孙书记", "2022001")], new DateOnly(2026, 11, 27), "card-c")),
        new("activist-evaluate", (lang, text) => ActivistEvaluationCard.Build(lang, new NamedPerson(7, text, "2025001"), new DateOnly(2025, 9, 1),
            [Period.Parse("2026-Q4"), Period.Parse("2026-Q3")], text, "card-e")),
        new("activist-stop", (lang, text) => StopCard.Build(lang, new NamedPerson(7, text, "2025001"), new DateOnly(2025, 9, 1),
            [(Period.Parse("2026-Q3"), text), (Period.Parse("2026-Q4"), "仍不按时")], new DateOnly(2026, 11, 19), "card-s")),
        new("selection-summary-section", (lang, text) => new AdaptiveCard([.. SelectionSection.Build(lang,
            [
                new NoticeRow(1, new NamedPerson(7, text, "2025002"), new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 25), SelectionState.NoticeRunning, null),
                new NoticeRow(2, new NamedPerson(8, "李四", "2025003"), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7), SelectionState.Held, 3),
                new NoticeRow(3, new NamedPerson(9, "王五", "2025004"), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7), SelectionState.ReadyToConclude, null),
            ],
            new PipelineList(6, [.. Enumerable.Range(1, 5).Select(i => new PipelinePerson(new NamedPerson(i, text, "2026" + i), text, new DateOnly(2026, 3, 1)))]),
            Period.Parse("2026-Q3"),
            new PipelineList(1, [new PipelinePerson(new NamedPerson(10, text, "2025001"), text, new DateOnly(2025, 9, 1))]),
            new PipelineList(1, [new PipelinePerson(new NamedPerson(11, text, "2025005"), text, new DateOnly(2025, 9, 1))]))])),
        new("pipeline-done", (lang, text) => DevelopmentCard.Done(lang, Markdown.Escape(text))),
        new("pipeline-summary-section", (lang, text) => new AdaptiveCard([.. PipelineSection.Build(lang,
            new PipelineList(7, [.. Enumerable.Range(1, 5).Select(i => new PipelinePerson(new NamedPerson(i, text, "2025" + i), text, new DateOnly(2025, 11, 19)) { NoEvaluationYet = i % 2 == 0 })]),
            new PipelineList(1, [new PipelinePerson(new NamedPerson(9, text, "2025009"), text, new DateOnly(2026, 5, 1)) { Scorers = 2 }]))])),
        new("pipeline-probation", (lang, text) => ProbationCard.Build(lang, new ProbationView(new NamedPerson(7, text, "2024001"), new DateOnly(2025, 11, 12), new DateOnly(2026, 11, 12)), new DateOnly(2026, 11, 19), "card-p")),
        new("pipeline-probation-reminder-member", (lang, text) => ProbationCard.Reminder(lang, ProbationReminderRole.Member, new NamedPerson(7, text, "2024001"), new DateOnly(2027, 6, 1), 30)),
        new("pipeline-probation-reminder-introducer", (lang, text) => ProbationCard.Reminder(lang, ProbationReminderRole.Introducer, new NamedPerson(7, text, "2024001"), new DateOnly(2027, 6, 1), 30)),
        new("pipeline-probation-reminder-committee", (lang, text) => ProbationCard.Reminder(lang, ProbationReminderRole.Committee, new NamedPerson(7, text, "2024001"), new DateOnly(2027, 6, 1), 7)),
        new("pipeline-summary-probations", (lang, text) => new AdaptiveCard([.. PipelineSection.Build(lang, PipelineList.None, PipelineList.None,
            new PipelineList(2, [new PipelinePerson(new NamedPerson(7, text, "2024001"), text, new DateOnly(2026, 11, 12)), new PipelinePerson(new NamedPerson(8, "周六", "2024002"), "第一小组", new DateOnly(2027, 1, 2))]))])),
        new("policy", (lang, text) => PolicyCard.Build(lang, Policy.Default, 3, new PolicyLastChange(text, new DateTime(2026, 11, 19, 10, 5, 0)), "card-r")),
        new("policy-never-changed", (lang, _) => PolicyCard.Build(lang, Policy.Default, 0, null, "card-r0")),
        new("help-all", (lang, _) => HelpCard.Build(lang, HelpSections.Student | HelpSections.Mentor | HelpSections.GroupLeader | HelpSections.Committee)),
        new("help-student", (lang, _) => HelpCard.Build(lang, HelpSections.Student)),
        new("not-on-roster", (lang, text) => NotOnRosterCard.Build(lang, text, text)),
        new("report-form", (lang, text) => ReportFormCard.Build(lang, new ReportForm(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), "card-7f3a", 800, Draft: text))),
        new("report-form-quarterly", (lang, _) => ReportFormCard.Build(lang, new ReportForm(ObligationKind.BranchReport, new Period(Cadence.Quarterly, 2026, 4), new DateOnly(2026, 12, 31), "card-q4", 1500))),
        new("receipt", (lang, _) => ReceiptCard.Build(lang, new Receipt(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 12, 2), 1234, 2, new DateOnly(2026, 11, 30)))),
        new("extension-decision", (lang, text) => ExtensionDecisionCard.Build(lang, new ExtensionRequestView(42, text, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7), text), "card-x")),
        new("extension-decided", (lang, text) => ExtensionDecisionCard.Decided(lang, Markdown.Escape(text))),
        new("talk-form", (lang, text) => TalkFormCard.Build(lang, [new MenteeOption(7, text.Length > 40 ? text[..40] : text), new MenteeOption(8, "李四")], new DateOnly(2026, 11, 19), "card-t", 7)),
        new("talk-form-namesakes", (lang, text) => TalkFormCard.Build(lang, [new MenteeOption(7, "张三") { StudentNumber = "2025001" }, new MenteeOption(8, "张三") { StudentNumber = "2025101" },
            new MenteeOption(9, text) { StudentNumber = "2025009" }], new DateOnly(2026, 11, 19), "card-n")),
        new("talk-saved", (lang, text) => TalkFormCard.Saved(lang, text, new DateOnly(2026, 11, 19), TalkMode.Online)),
        new("overdue-list", (lang, text) => OverdueListCard.Build(lang, "第一小组", new OverdueListView(OverdueScope.Group, 1, 2), [
            new OverduePerson(7, text, [
                new OverdueItem(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), new DateOnly(2026, 10, 31), ObligationStatus.Overdue, 7, null),
                new OverdueItem(ObligationKind.Talk, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), ObligationStatus.DueSoon, 9, text)]),
            new OverduePerson(8, "李四", [new OverdueItem(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), ObligationStatus.DueSoon, 8, null)])],
            [new SubmittedReport(text, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 18), 1200, text)],
            [new LoggedTalk(text, "李四", new DateOnly(2026, 11, 18), text)], "card-o")),
        new("overdue-list-year-behind", (lang, text) => OverdueListCard.Build(lang, text, new OverdueListView(OverdueScope.Group, 1, 50, OverdueScope.Branch),
            OverdueCardSamples.YearBehind(text, OverdueListCard.PageSize), OverdueCardSamples.Submitted(text, 40), OverdueCardSamples.Talks(text, 40), "card-y")),
        new("overdue-list-branch-page", (lang, text) => OverdueListCard.Build(lang, "全支部", new OverdueListView(OverdueScope.Branch, 7, 2000, OverdueScope.Group),
            OverdueCardSamples.YearBehind(text, OverdueListCard.PageSize), [], [], "card-b")),
        new("status", (lang, text) => StatusCard.Build(lang, text, Stage.Activist, new DateOnly(2026, 3, 15),
            [new StatusLine(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), ObligationStatus.DueSoon, null),
             new StatusLine(ObligationKind.Talk, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), ObligationStatus.Overdue, text)],
            [new StatusLine(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), new DateOnly(2026, 10, 31), ObligationStatus.DoneLate, null)], true)),
        new("summary", (lang, text) => SummaryCard.Build(lang, text, new Period(Cadence.Monthly, 2026, 11),
            [new GroupRow(text, new GroupCompletion([new Period(Cadence.Monthly, 2026, 11)], 12, 8, 1, 1, 2, 0, []))],
            new Period(Cadence.Monthly, 2026, 10), [new GroupRow("第二小组", new GroupCompletion([new Period(Cadence.Monthly, 2026, 10)], 10, 10, 0, 0, 0, 0, []))])),
        new("report-choice", (lang, _) => ReportChoiceCard.Build(lang, [
            new ReportChoice(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), new DateOnly(2026, 10, 31)),
            new ReportChoice(ObligationKind.BranchReport, new Period(Cadence.Quarterly, 2026, 4), new DateOnly(2026, 12, 31))])),
        new("overdue-list-pending-extensions", (lang, text) => OverdueListCard.Build(lang, "第一小组", new OverdueListView(OverdueScope.Group, 1, 0), [], [], [], "card-p",
            [new ExtensionRequestView(42, text, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7), text)])),
        new("status-missed-pending", (lang, text) => StatusCard.Build(lang, text, Stage.Probationary, new DateOnly(2026, 6, 1), [], [], false,
            [new StatusLine(ObligationKind.Talk, new Period(Cadence.Monthly, 2026, 9), new DateOnly(2026, 9, 30), ObligationStatus.Missed, text)],
            [new PendingRequestLine(ObligationKind.BranchReport, new Period(Cadence.Quarterly, 2026, 4), new DateOnly(2027, 1, 7), new DateOnly(2026, 12, 30))])),
        new("summary-leader-many-groups", (lang, text) => SummaryCard.Build(lang, text, new Period(Cadence.Monthly, 2026, 11),
            Enumerable.Range(1, 80).Select(i => new GroupRow(i == 1 ? text : $"第{i}党小组", new GroupCompletion([new Period(Cadence.Monthly, 2026, 11)], 25, 20, 1, 1, 3, 0, []))).ToList(),
            new Period(Cadence.Monthly, 2026, 10), [], isGroupLeader: true)),
        new("status-year-behind", (lang, text) => StatusCard.Build(lang, text, Stage.Probationary, new DateOnly(2025, 6, 1),
            Enumerable.Range(0, 120).Select(i => new StatusLine(ObligationKind.Talk, Period.Containing(Cadence.Monthly, new DateOnly(2025, 12, 1).AddMonths(i % 12)), new DateOnly(2026, 11, 30), ObligationStatus.Overdue, i % 2 == 0 ? text : "张三")
                { Subject = new NamedPerson(100 + i % 10, i % 2 == 0 ? text : "张三", "20250" + (i % 10)) }).ToList(), [], true)),
        new("roster-gaps", (lang, text) => new AdaptiveCard(RosterGapsSection.Build(lang, new RosterGaps(9,
            [new RosterGap(text, "2.02E+11", text, Stage.Activist, 0, 1), new RosterGap("李四", "2024002", "第二小组", Stage.DevelopmentTarget, 1, 2)])))),
        new("review", (lang, text) => ReviewCard.Build(lang, ReviewSamples.Thread(text, decided: false), "card-rv")),
        new("review-decided-long", (lang, text) => ReviewCard.Build(lang, ReviewSamples.Thread(new string('学', CardLimits.ReportMaxLength - text.Length) + text, decided: true), "card-rl")),
        new("review-done", (lang, text) => ReviewCard.Decided(Markdown.Escape(text))),
        new("review-arrived", (lang, text) => ReviewNoticeCard.Arrived(lang, text, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), 2, 42)),
        new("review-returned", (lang, text) => ReviewNoticeCard.Returned(lang, ObligationKind.BranchReport, new Period(Cadence.Quarterly, 2026, 4), 1, text, text)),
        new("my-reports", (lang, text) => MyReportsCard.Build(lang, Enumerable.Range(0, MyReportsCard.MaxReports).Select(_ => ReviewSamples.Thread(text, decided: false)).ToList())),
        new("my-reports-none", (lang, _) => MyReportsCard.Build(lang, [])),
        new("report-text", (lang, text) => MyReportsCard.Text(lang, ReviewSamples.Thread(text, decided: true), ReviewSamples.Thread(text, decided: true).Versions[0])),
        new("talk-answer", (lang, text) => TalkAnswerCard.Build(lang, new Talk(5, 7, new DateOnly(2026, 11, 18), TalkMode.Online, text, text, text, new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.FromHours(8)), null), text, "card-ta")),
        new("talk-answered", (lang, text) => TalkAnswerCard.Answered(Markdown.Escape(text))),
        new("status-countdown-mentees", (lang, text) => StatusCard.Build(lang, text, Stage.Activist, new DateOnly(2026, 3, 15), [], [], false, null, null,
            new Countdown(Stage.Activist, new DateOnly(2026, 3, 15), Stage.DevelopmentTarget, new DateOnly(2027, 3, 15), 116),
            [new MenteeLine(text, MentorKind.Mentor, new Countdown(Stage.Probationary, new DateOnly(2026, 6, 1), Stage.Full, new DateOnly(2027, 6, 1), 194), new DateOnly(2026, 11, 18), TalkAnswer.Disputed),
             new MenteeLine("李四", MentorKind.Introducer, new Countdown(Stage.DevelopmentTarget, new DateOnly(2026, 4, 1), Stage.Probationary, null, null), null, null)], hasReports: true)),
        new("language", (lang, _) => LanguageCard.Build(lang)),
        new("reminder-report-7d", (lang, _) => ReportReminderCard.Build(lang, new ReportForm(ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), "42", 100), new DateOnly(2026, 11, 23))),
        new("reminder-report-overdue", (lang, _) => ReportReminderCard.Build(lang, new ReportForm(ObligationKind.BranchReport, new Period(Cadence.Quarterly, 2026, 4), new DateOnly(2026, 12, 31), "43", 100), new DateOnly(2027, 1, 2))),
        new("reminder-talk", (lang, text) => TalkReminderCard.Build(lang, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 30), text, "202405001", "44", new DateOnly(2026, 11, 27))),
        new("reminder-leader-summary", (lang, text) => ReminderLeaderSummaryCard.Build(lang, ReminderCardSamples.Leader(text), new DateOnly(2026, 11, 30))),
        new("reminder-leader-summary-empty", (lang, text) => ReminderLeaderSummaryCard.Build(lang, new BranchBot.Bot.Reminders.LeaderSummary(text, [], [], []), new DateOnly(2026, 11, 30))),
        new("reminder-committee-summary", (lang, text) => ReminderCommitteeSummaryCard.Build(lang, new Period(Cadence.Monthly, 2026, 11), [new(text, ReminderCardSamples.Completion), new("第二党小组", ReminderCardSamples.Completion)], ReminderCardSamples.Completion)),
        new("reminder-leader-summary-year-behind", (lang, text) => ReminderLeaderSummaryCard.Build(lang, ReminderCardSamples.YearBehind(text), new DateOnly(2026, 11, 30))),
        new("reminder-committee-summary-many-groups", (lang, text) => ReminderCommitteeSummaryCard.Build(lang, new Period(Cadence.Monthly, 2026, 11),
            Enumerable.Range(1, 80).Select(i => new BranchBot.Bot.Reminders.CommitteeRow(i == 1 ? text : $"第{i}党小组", ReminderCardSamples.Completion)).ToList(), ReminderCardSamples.Completion)),
        new("showcase-1.2", (_, text) => ModelShowcase.Build(CardVersion.V1_2, text)),
        new("showcase-1.4", (_, text) => ModelShowcase.Build(CardVersion.V1_4, text)),
        new("showcase-1.5", (_, text) => ModelShowcase.Build(CardVersion.V1_5, text)),
        new("assessment-groups", (lang, text) => BranchBot.Bot.Features.Assessment.AssessmentCards.Groups(lang, [new Group(string.IsNullOrWhiteSpace(text) ? "第一小组" : text), new Group("第二小组")], "card-as0")),
        new("assessment-group", (lang, text) => BranchBot.Bot.Features.Assessment.AssessmentCards.Group(lang, text,
            [new Semester(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31)), new Semester(new DateOnly(2026, 2, 1), new DateOnly(2026, 7, 31))],
            [AssessmentSheetSample(text)], new DateOnly(2026, 11, 19), "card-as1")),
        new("assessment-group-empty", (lang, text) => BranchBot.Bot.Features.Assessment.AssessmentCards.Group(lang, text,
            [new Semester(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31))], [], new DateOnly(2026, 11, 19), "card-as2")),
        new("assessment-link", (lang, text) => BranchBot.Bot.Features.Assessment.AssessmentCards.Link(lang, text, new Semester(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31)),
            "2026年11月19日 10:30", new Uri("https://bot.example/downloads/token"))),
        new("assessment-own", (lang, text) => BranchBot.Bot.Features.Assessment.AssessmentCards.Own(lang, AssessmentSheetSample(text))),
    ];

    public static readonly IReadOnlyList<(string Name, string Text)> HostileTexts =
    [
        ("plain", "张三"),
        ("markup", HostileText.Markup),
        ("long", HostileText.Long),
    ];
}

public static class HostileText
{
    public const string Markup = "**bold** [link](https://evil) </at> <at>Boss</at> \"quotes\" \\ {{x}} {{DATE(2026-11-30T00:00:00Z,SHORT)}} 🙂\n# heading\n- item\n1. first\n> quote\n`code` &lt;b&gt; \u202Egnp.exe";

    /// <summary>Exactly 20,000 UTF-16 units (the report limit), mixing Chinese, markup and emoji.</summary>
    public static readonly string Long = BuildLong(CardLimits.ReportMaxLength);

    public static string BuildLong(int length)
    {
        var unit = "我的思想汇报：认真学习。" + Markup.Replace("\u202E", "", StringComparison.Ordinal) + "\n";
        var text = string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1))[..length];
        return char.IsHighSurrogate(text[^1]) ? text[..^1] + "x" : text;
    }
}

/// <summary>A test-only card using every element and action of the model, to prove the model itself renders.</summary>
internal static class ModelShowcase
{
    public static AdaptiveCard Build(CardVersion version, string userText)
    {
        var data = CardActionData.For("showcase.submit", "card-1").With("period", "2026-11").With("count", 3).With("on", new DateOnly(2026, 11, 30));
        var modern = version >= CardVersion.V1_4;
        CardAction primary = modern ? new ActionExecute("Execute", data) { Style = ActionStyle.Positive } : new ActionSubmit("Submit", data) { Style = ActionStyle.Positive };
        return new AdaptiveCard(
            body:
            [
                TextBlock.Trusted("Title") with { Weight = TextWeight.Bolder, Size = TextSize.Large, Color = TextColor.Accent },
                TextBlock.User(userText) with { IsSubtle = true, Spacing = Spacing.Small },
                new FactSet([Fact.Trusted("Period", "2026年11月"), Fact.User("Name", userText)]),
                new Container([TextBlock.Trusted("inside")]) { Separator = true, Spacing = Spacing.Medium },
                new ColumnSet(
                [
                    new Column([TextBlock.Trusted("left")]) { Width = "auto" },
                    new Column([TextBlock.User(userText)]) { Width = "stretch" },
                ]),
                new InputText("text") { Label = "Text", Placeholder = "…", IsMultiline = true, MaxLength = 20_000, IsRequired = true, ErrorMessage = "Required", Value = userText },
                new InputDate("date") { Label = "Date", Value = new DateOnly(2026, 11, 30), Min = new DateOnly(2026, 1, 1), Max = new DateOnly(2026, 12, 31), IsRequired = true, ErrorMessage = "Pick a date" },
                new InputChoiceSet("mode", [new Choice("In person", "InPerson"), new Choice("Online", "Online")]) { Label = "Mode", Style = ChoiceStyle.Expanded, Value = "InPerson", IsRequired = true, ErrorMessage = "Pick one" },
                new InputChoiceSet("mentee", [new Choice(userText.Length > 40 ? userText[..40] : userText, "m-1"), new Choice("李四", "m-2")]) { Label = "Mentee", Style = ChoiceStyle.Compact, Placeholder = "Choose" },
                new InputToggle("followUp", "Follow up") { Label = "Follow-up", Value = "false", ValueOn = "true", ValueOff = "false" },
            ],
            actions:
            [
                primary,
                new ActionShowCard("More", new ShowCardContent(
                    [new InputText("reason") { Label = "Reason", IsRequired = true, ErrorMessage = "Give a reason" }],
                    [new ActionSubmit("Send", CardActionData.For("showcase.more", "card-1"))])),
                new ActionOpenUrl("Download", new Uri("https://bot.example/downloads/CfDJ8a-b_c?x=1&y=2")),
            ],
            version: version)
        {
            Refresh = modern ? new CardRefresh(new ActionExecute("Refresh", CardActionData.For("showcase.refresh", "card-1")), ["29:abc"]) : null,
        };
    }
}

internal static class ReminderCardSamples
{
    public static readonly GroupCompletion Completion = new([new Period(Cadence.Monthly, 2026, 11)], 12, 7, 1, 1, 2, 1, []);

    public static BranchBot.Bot.Reminders.LeaderSummary Leader(string name)
    {
        var period = new Period(Cadence.Monthly, 2026, 11);
        // More people than a section shows, so the "and N more" line is rendered too.
        var many = Enumerable.Range(0, BranchBot.Bot.Features.Overdue.ReminderLeaderSummaryCard.MaxItemsPerSection + 2)
            .Select(i => new BranchBot.Bot.Reminders.LeaderSummaryItem(i == 0 ? name : "李四" + i, ObligationKind.ThoughtReport, null, period, new DateOnly(2026, 11, 30)))
            .ToList();
        return new(name, many,
            [new(name, ObligationKind.Talk, name, period, new DateOnly(2026, 11, 30))],
            [new(name, "NoTeamsUser"), new("王五", "ConversationBlockedByUser"), new("赵六", "BotDisabledByAdmin"), new("钱七", "ConversationNotFound")]);
    }

    /// <summary>A group of 50 each a year behind (two of them named 张三), none of them reachable.</summary>
    public static BranchBot.Bot.Reminders.LeaderSummary YearBehind(string name)
    {
        var people = OverdueCardSamples.YearBehind(name, 50);
        var items = people.SelectMany(p => p.Items.Select(i => new BranchBot.Bot.Reminders.LeaderSummaryItem(p.Name, i.Kind, i.SubjectName, i.Period, i.DueDate)
            { OwnerId = p.MemberId, OwnerStudentNumber = p.StudentNumber })).ToList();
        return new(name, items, [], people.Select(p => new BranchBot.Bot.Reminders.UnreachablePerson(p.Name, "NoTeamsUser")).ToList());
    }
}

internal static class OverdueCardSamples
{
    /// <summary>People each a year behind: twelve monthly reports, the quarterly reports and talks with two mentees.</summary>
    public static IReadOnlyList<OverduePerson> YearBehind(string name, int count) => Enumerable.Range(0, count).Select(p =>
    {
        var id = 1000 + p;
        var items = Enumerable.Range(0, 12).SelectMany(m =>
        {
            var month = Period.Containing(Cadence.Monthly, new DateOnly(2025, 12, 1).AddMonths(m));
            return new[]
            {
                new OverdueItem(ObligationKind.ThoughtReport, month, month.End, ObligationStatus.Overdue, id, null),
                new OverdueItem(ObligationKind.Talk, month, month.End, ObligationStatus.Overdue, 5000 + p, p == 0 ? name : "王小明"),
                new OverdueItem(ObligationKind.Talk, month, month.End, ObligationStatus.Overdue, 6000 + p, "赵小红"),
            };
        }).Concat(Enumerable.Range(0, 4).Select(q =>
        {
            var quarter = Period.Containing(Cadence.Quarterly, new DateOnly(2025, 12, 1).AddMonths(3 * q));
            return new OverdueItem(ObligationKind.BranchReport, quarter, quarter.End, ObligationStatus.Overdue, id, null);
        })).OrderBy(i => i.DueDate).ToList();
        // Two people share a name on every page, as in a real branch.
        var personName = p == 0 ? name : p % 5 == 1 ? "张三" : "李四" + p;
        return new OverduePerson(id, personName, items) { StudentNumber = "2025" + p.ToString("000", System.Globalization.CultureInfo.InvariantCulture) };
    }).ToList();

    public static IReadOnlyList<SubmittedReport> Submitted(string text, int count) => Enumerable.Range(0, count)
        .Select(i => new SubmittedReport(i == 0 ? text : "李四" + i, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11), new DateOnly(2026, 11, 18), 1200, text)).ToList();

    public static IReadOnlyList<LoggedTalk> Talks(string text, int count) => Enumerable.Range(0, count)
        .Select(i => new LoggedTalk(text, "李四" + i, new DateOnly(2026, 11, 18), text)).ToList();
}

internal static class ReviewSamples
{
    public static ReportThread Thread(string text, bool decided) => new(7, text, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 11),
    [
        new VersionView(40, 1, new DateOnly(2026, 11, 10), text, new ReviewView(text, ReviewVerdict.Returned, text, new DateOnly(2026, 11, 12))),
        new VersionView(41, 2, new DateOnly(2026, 11, 14), text, decided ? new ReviewView("钱组长", ReviewVerdict.Accepted, "", new DateOnly(2026, 11, 15)) : null),
    ]);
}
