using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Evaluations;

namespace BranchBot.Bot.Features.Evaluations;

/// <summary>An open round as the committee sees it: aggregates only (how many peers rated and their mean, never who gave what).</summary>
public sealed record RoundRow(string Name, int Number, bool HasSelf, int PeerCount, int PeersNeeded, decimal? PeerMean, bool HasBranch);

/// <summary>The committee's half-yearly evaluation card: the open rounds, the probationary members due a round, and the Party school button (schema 1.2).</summary>
public static class EvaluationsCard
{
    public const string SubjectInput = "evaluationSubject";
    public const int MaxRows = 15;

    public static AdaptiveCard Build(Language language, EvaluationPolicy policy, IReadOnlyList<RoundRow> open, int openTotal, IReadOnlyList<NamedPerson> due, int dueTotal, string cardId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var t = Texts.Default;
        string L(string key, params object?[] args) => t.Get(language, key, args);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(L("evaluations.card.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(L("evaluations.card.formula", policy.MinPeers, Number(policy.PassMark))) with { IsSubtle = true, Size = TextSize.Small },
            TextBlock.Trusted(L("evaluations.card.open", openTotal)) with { Weight = TextWeight.Bolder },
        };
        body.AddRange(open.Select(r => TextBlock.Trusted(L("evaluations.card.round", Markdown.Escape(UserText.Clip(r.Name)), r.Number, Progress(language, r)))));
        if (openTotal > open.Count) body.Add(TextBlock.Trusted(L("evaluations.card.more", openTotal - open.Count)) with { IsSubtle = true });
        var actions = new List<CardAction>();
        if (dueTotal > 0)
        {
            var names = PersonNames.Distinct(language, due);
            body.Add(new InputChoiceSet(SubjectInput, [.. due.Select(p => new Choice(names[p.MemberId], p.MemberId.ToString(CultureInfo.InvariantCulture)))])
            {
                Label = L("evaluations.card.subject", dueTotal),
                Style = ChoiceStyle.Compact,
                IsRequired = true,
                ErrorMessage = L("error.missingField", L("evaluations.card.subjectShort")),
            });
            if (dueTotal > due.Count) body.Add(TextBlock.Trusted(L("evaluations.card.more", dueTotal - due.Count)) with { IsSubtle = true });
            actions.Add(new ActionSubmit(L("evaluations.card.openRound"), CardActionData.For(Verbs.EvaluationsOpen, cardId)) { Style = ActionStyle.Positive });
        }
        else body.Add(TextBlock.Trusted(L("evaluations.card.noneDue")) with { IsSubtle = true });
        if (openTotal > 0) actions.Add(new ActionSubmit(L("evaluations.card.chase"), CardActionData.For(Verbs.EvaluationsChase, cardId)));
        actions.Add(new ActionSubmit(L("partySchool.open"), CardActionData.For(Verbs.PartySchoolForm, cardId)));
        return new AdaptiveCard(body, actions);
    }

    /// <summary>"self ✓ · peers 2/3 (mean 85.00) · branch —": what a round has, as aggregates.</summary>
    public static string Progress(Language language, RoundRow r)
    {
        var t = Texts.Default;
        var peers = r.PeerMean is { } mean
            ? t.Get(language, "evaluations.progress.peersMean", r.PeerCount, r.PeersNeeded, Score(mean))
            : t.Get(language, "evaluations.progress.peers", r.PeerCount, r.PeersNeeded);
        return t.Get(language, "evaluations.progress", t.Get(language, r.HasSelf ? "evaluations.progress.in" : "evaluations.progress.missing"), peers,
            t.Get(language, r.HasBranch ? "evaluations.progress.in" : "evaluations.progress.missing"));
    }

    public static string Score(decimal score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static AdaptiveCard Done(string text) => new([TextBlock.Trusted(text) with { Weight = TextWeight.Bolder, Color = TextColor.Good }]);
}

/// <param name="SubjectName">Whom the rating is about (for the self-assessment: the reader).</param>
public sealed record RatingView(int RoundId, EvaluationPart Part, string SubjectName, int Number, DateOnly From, DateOnly To);

/// <summary>
/// One part of a round, sent to the one who gives it: the self-assessment to the member (score and text), a peer
/// rating to each other member of the group, the branch's to the discipline member or the committee (schema 1.2).
/// </summary>
public static class RatingCard
{
    public const string RoundField = "round";
    public const string PartField = "part";
    public const string ScoreInput = "evaluationScore";
    public const string TextInput = "evaluationText";
    public const int TextMaxLength = 2000;

    public static AdaptiveCard Build(Language language, RatingView view, string cardId)
    {
        var t = Texts.Default;
        string L(string key, params object?[] args) => t.Get(language, key, args);
        var part = PartKey(view.Part);
        var name = Markdown.Escape(UserText.Clip(view.SubjectName));
        var data = CardActionData.For(Verbs.EvaluationsRate, cardId)
            .With(RoundField, view.RoundId)
            .With(PartField, view.Part.ToString());
        var textRequired = view.Part == EvaluationPart.Self;
        return new AdaptiveCard(
            [
                TextBlock.Trusted(L($"evaluations.{part}.title", name, view.Number)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(L("evaluations.rating.period", Formats.Date(language, view.From), Formats.Date(language, view.To))) with { IsSubtle = true },
                TextBlock.Trusted(L($"evaluations.{part}.hint")) with { IsSubtle = true, Size = TextSize.Small },
                new InputText(ScoreInput)
                {
                    Label = L("evaluations.rating.score"),
                    Placeholder = "0–100",
                    MaxLength = 6,
                    IsRequired = true,
                    ErrorMessage = L("error.missingField", L("evaluations.rating.score")),
                },
                new InputText(TextInput)
                {
                    Label = L(textRequired ? "evaluations.rating.selfText" : "evaluations.rating.note"),
                    IsMultiline = true,
                    MaxLength = TextMaxLength,
                    IsRequired = textRequired,
                    ErrorMessage = textRequired ? L("error.missingField", L("evaluations.rating.selfText")) : null,
                },
            ],
            [new ActionSubmit(L("evaluations.rating.save"), data) { Style = ActionStyle.Positive }]);
    }

    public static string PartKey(EvaluationPart part) => part switch
    {
        EvaluationPart.Self => "self",
        EvaluationPart.Peer => "peer",
        EvaluationPart.Branch => "branch",
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };
}
