using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Calendar;

namespace BranchBot.Bot.Features.Calendar;

/// <summary>
/// 校历: the committee's card of the academic calendar's spans (semesters, vacations, exam weeks): the spans entered,
/// a form to add one (kind, first and last day) and one to remove one. The two forms share the card, so no input is
/// marked required: the flow checks what each action needs. Schema 1.2 elements only.
/// </summary>
public static class SpanCard
{
    public const string KindInput = "spanKind";
    public const string StartInput = "spanStart";
    public const string EndInput = "spanEnd";
    public const string RemoveInput = "spanRemove";

    public static AdaptiveCard Build(Language language, IReadOnlyList<CalendarSpan> spans, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(L("calendar.span.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(L("calendar.span.hint")) with { IsSubtle = true },
        };
        if (spans.Count == 0) body.Add(TextBlock.Trusted(L("calendar.span.none")) with { IsSubtle = true });
        else body.Add(new FactSet([.. spans.Select(s => Fact.Trusted(Kind(language, s.Kind), Dates(language, s)))]));

        body.Add(TextBlock.Trusted(L("calendar.span.addTitle")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
        body.Add(new InputChoiceSet(KindInput, [.. Enum.GetValues<SpanKind>().Select(k => new Choice(Kind(language, k), k.ToString()))])
            { Label = L("calendar.span.kind"), Style = ChoiceStyle.Compact, Value = SpanKind.ExamWeek.ToString() });
        body.Add(new InputDate(StartInput) { Label = L("calendar.span.start"), Value = today });
        body.Add(new InputDate(EndInput) { Label = L("calendar.span.end"), Value = today });
        body.Add(new ActionSet([new ActionSubmit(L("calendar.span.add"), CardActionData.For(Verbs.CalendarSpanAdd, cardId)) { Style = ActionStyle.Positive }]));
        if (spans.Count > 0)
        {
            body.Add(TextBlock.Trusted(L("calendar.span.removeTitle")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            body.Add(new InputChoiceSet(RemoveInput, [.. spans.Select(s => new Choice(Kind(language, s.Kind) + " · " + Dates(language, s), s.Id.ToString(CultureInfo.InvariantCulture)))])
                { Label = L("calendar.span.remove"), Style = ChoiceStyle.Compact });
            body.Add(new ActionSet([new ActionSubmit(L("calendar.span.removeAction"), CardActionData.For(Verbs.CalendarSpanRemove, cardId)) { Style = ActionStyle.Destructive }]));
        }
        return new AdaptiveCard(body);
    }

    public static string Kind(Language language, SpanKind kind) => Texts.Default.Get(language, "calendar.spanKind." + kind);

    public static string Dates(Language language, CalendarSpan span) =>
        Texts.Default.Get(language, "calendar.span.dates", Formats.Date(language, span.Start), Formats.Date(language, span.End));
}
