using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Features.Reports;

/// <summary>The reminder of a written report is the report form itself, under a reminder headline.</summary>
public static class ReportReminderCard
{
    public static AdaptiveCard Build(Language language, ReportForm form, DateOnly sentOn)
    {
        var card = ReportFormCard.Build(language, form);
        return card with { Body = [.. ReminderCard.Headline(language, form.Kind, form.Period, form.Deadline, sentOn), .. card.Body] };
    }
}
