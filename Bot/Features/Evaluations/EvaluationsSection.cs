using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Evaluations;

/// <summary>The speaker's lines in "my status": their open or latest half-yearly evaluation (aggregates only) and their Party school sessions.</summary>
public static class EvaluationsSection
{
    public static async Task<IReadOnlyList<CardElement>> ForMemberAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        var lines = new List<string>();
        if (me.Stage == Stage.Probationary)
        {
            var rounds = await turn.Db.EvaluationRounds.AsNoTracking().Where(r => r.SubjectId == me.Id && r.ProbationSince == me.StageSince)
                .OrderBy(r => r.Number).ToListAsync(cancellationToken);
            if (rounds.LastOrDefault(r => r.IsClosed) is { } closed)
                lines.Add(turn.T("evaluations.status.result", closed.Number, EvaluationsCard.Score(closed.Score!.Value), turn.T(closed.Passed == true ? "evaluations.passed" : "evaluations.notPassed")));
            foreach (var open in rounds.Where(r => !r.IsClosed))
            {
                var ratings = await turn.Db.EvaluationRatings.AsNoTracking().Where(r => r.RoundId == open.Id).Select(r => new { r.Part, r.Score }).ToListAsync(cancellationToken);
                var peers = ratings.Where(r => r.Part == EvaluationPart.Peer).Select(r => r.Score).ToList();
                // The member sees how many peers rated, not their scores, until the result.
                var row = new RoundRow(me.Name, open.Number, ratings.Any(r => r.Part == EvaluationPart.Self), peers.Count, open.PeersNeeded, null, ratings.Any(r => r.Part == EvaluationPart.Branch));
                lines.Add(turn.T("evaluations.status.round", open.Number, EvaluationsCard.Progress(turn.Language, row)));
            }
        }
        var school = new List<PartySchoolNomination>();
        await foreach (var n in LastNominations.For(turn.Db)(turn.Db, me.Id).WithCancellation(cancellationToken)) school.Add(n);
        foreach (var n in school.OrderBy(n => n.Year).ThenBy(n => n.Month))
            lines.Add(n.CompletedOn is { } on
                ? turn.T("partySchool.status.completed", PartySchoolCard.Session(turn.Language, n.Session), Formats.Date(turn.Language, on))
                : turn.T("partySchool.status.nominated", PartySchoolCard.Session(turn.Language, n.Session)));
        return [.. lines.Select((line, i) => TextBlock.Trusted(line) with { Spacing = Spacing.Medium, Separator = i == 0 })];
    }

    // Every status turn asks this: compiled once, with the member's id as its parameter.
    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<PartySchoolNomination>>> LastNominations = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int me) => db.PartySchoolNominations.AsNoTracking().Where(n => n.MemberId == me)
            .OrderByDescending(n => n.Year).ThenByDescending(n => n.Month).Take(2)));
}
