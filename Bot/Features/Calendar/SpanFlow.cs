using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Calendar;

/// <summary>
/// 校历: the committee adds or removes a span of the academic calendar (semester, vacation, exam week) from a card.
/// A span ends on or after its first day and shares no day with another of its kind (<see cref="CalendarSpanRules.Check"/>,
/// the calendar file's rule too); every refusal says why and stores nothing. Deadlines and semesters follow at once,
/// since every schedule reads the spans with the facts.
/// </summary>
public sealed class SpanFlow(BranchState branchState)
{
    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        return Reply.Show(await CardAsync(turn, cancellationToken));
    }

    public async Task<Reply> AddAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var kind = data.Choice<SpanKind>(SpanCard.KindInput);
        var start = data.Date(SpanCard.StartInput);
        var end = data.Date(SpanCard.EndInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (first, last) = (start!.Value, end!.Value);
        var spans = await turn.Db.CalendarSpans.AsNoTracking().ToListAsync(cancellationToken);
        switch (CalendarSpanRules.Check(kind!.Value, first, last, spans))
        {
            case SpanProblem.EndBeforeStart:
                return new Reply.Refused(turn.T("calendar.span.endBeforeStart", Formats.Date(turn.Language, first), Formats.Date(turn.Language, last)));
            case SpanProblem.Overlaps:
                var other = CalendarSpanRules.Overlapping(kind.Value, first, last, spans)!;
                return new Reply.Refused(turn.T("calendar.span.overlaps", SpanCard.Kind(turn.Language, kind.Value), SpanCard.Dates(turn.Language, other)));
        }
        var span = new CalendarSpan(kind.Value, first, last);
        turn.Db.CalendarSpans.Add(span);
        await turn.Db.SaveChangesAsync(cancellationToken);
        branchState.Invalidate();
        return new Reply.ReplaceCard(await CardAsync(turn, cancellationToken), turn.T("calendar.span.added", SpanCard.Kind(turn.Language, kind.Value), SpanCard.Dates(turn.Language, span)));
    }

    public async Task<Reply> RemoveAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var reference = data.Reference(SpanCard.RemoveInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new Reply.Refused(turn.T("error.badChoice"));
        // A span already removed (a double click, or another committee member) is said so, and nothing changes.
        if (await turn.Db.CalendarSpans.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } span) return new Reply.Refused(turn.T("calendar.span.unknown"));
        turn.Db.CalendarSpans.Remove(span);
        await turn.Db.SaveChangesAsync(cancellationToken);
        branchState.Invalidate();
        return new Reply.ReplaceCard(await CardAsync(turn, cancellationToken), turn.T("calendar.span.removed", SpanCard.Kind(turn.Language, span.Kind), SpanCard.Dates(turn.Language, span)));
    }

    private static async Task<AdaptiveCard> CardAsync(Turn turn, CancellationToken cancellationToken)
    {
        var spans = (await turn.Db.CalendarSpans.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(s => s.Start).ThenBy(s => s.Kind).ToList();
        return SpanCard.Build(turn.Language, spans, turn.Today, "spans-" + Guid.NewGuid().ToString("N"));
    }
}
