using BranchBot.Bot.Features.Assessment;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Features.Calendar;
using BranchBot.Bot.Features.Dues;
using BranchBot.Bot.Features.Evaluations;
using BranchBot.Bot.Features.Info;
using BranchBot.Bot.Features.Meetings;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Features.Summary;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Features.Transfers;

namespace BranchBot.Bot.Features;

/// <summary>The one list of features. A new feature is a folder under Features/ and one line here.</summary>
public static class Features
{
    public static readonly IReadOnlyList<Feature> All =
    [
        new InfoFeature(),
        new ReportsFeature(),
        new TalksFeature(),
        new OverdueFeature(),
        new SummaryFeature(),
        new RulesFeature(),
        new ReviewsFeature(),
        new PipelineFeature(),
        // Selection of activists (公示), the activist quarterly evaluation, stopping cultivation
        new SelectionFeature(),
        // Meetings (三会一课)
        new MeetingsFeature(),
        // The yearly export
        new ExportFeature(),
        // The academic calendar
        new CalendarFeature(),
        // Evaluations (half-yearly) and the Party school
        new EvaluationsFeature(),
        // Party dues (党费)
        new DuesFeature(),
        // Graduate transfers (组织关系转接)
        new TransfersFeature(),
        // The semester assessment sheet (考察表)
        new AssessmentFeature(),
    ];
}
