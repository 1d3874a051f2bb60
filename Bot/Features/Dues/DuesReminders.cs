using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Domain.Dues;

namespace BranchBot.Bot.Features.Dues;

/// <summary>
/// The monthly dues reminder: on <see cref="DuesRules.ReminderOn"/> (the 20th) at the summary time, each member who
/// owes the month and has not paid it is reminded once, through the ledger (step <see cref="Step"/>; the ledger's kind
/// is a placeholder, as for the summaries). Pure: planned from the snapshot, run by the monthly reminders job.
/// </summary>
public static class DuesReminders
{
    public const string Step = "dues-unpaid";

    public static IReadOnlyList<StepGroup> Plan(BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays)
    {
        var today = state.Branch.LocalDate(asOf);
        var current = Period.Containing(Cadence.Monthly, today);
        var groups = new List<StepGroup>();
        foreach (var month in new[] { current.Previous(), current })
        {
            var dueAt = state.Branch.ToInstant(DuesRules.ReminderOn(month).ToDateTime(at));
            if (dueAt > asOf || dueAt <= asOf.AddDays(-catchUpDays)) continue;
            var paid = state.DuesPayments.Where(p => p.Month == month).Select(p => p.MemberId).ToHashSet();
            foreach (var member in state.Members.Where(m => DuesRules.Owes(m, month) && m.IsActiveOn(today) && !paid.Contains(m.Id)))
            {
                var rate = DuesRules.RateFor(state.DuesRates, member.Id, month);
                var key = new ReminderKey(member.Id, ObligationKind.ThoughtReport, month, Step, member.Id);
                groups.Add(new StepGroup([new PlannedReminder(key, dueAt, null, (_, language) => DuesReminderCard.Build(language, month, rate))]));
            }
        }
        return groups;
    }
}
