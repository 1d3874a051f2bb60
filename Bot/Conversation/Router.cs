using System.Text.RegularExpressions;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Info;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Features.Talks;

namespace BranchBot.Bot.Conversation;

/// <summary>The one place typed commands and card verbs map to flows.</summary>
public sealed partial class Router(ReportFlow reports, TalkFlow talks, OverdueFlow overdue, InfoFlows info, PolicyFlow policy, ReviewFlow reviews, PipelineFlow pipeline)
{
    private static readonly Dictionary<string, Command> Phrases = Commands.All
        .SelectMany(e => e.English.Concat(e.SimplifiedChinese).Concat(e.TraditionalChinese).Select(p => (p, e.Command)))
        .DistinctBy(x => x.p.ToLowerInvariant())
        .ToDictionary(x => x.p.ToLowerInvariant(), x => x.Command, StringComparer.Ordinal);

    /// <summary>The command a typed text names, with any @mention and surrounding punctuation removed.</summary>
    public static Command? Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = MentionPattern().Replace(text, " ");
        cleaned = WhitespacePattern().Replace(cleaned, " ").Trim().Trim('。', '.', '!', '！', '?', '？', '/').Trim().ToLowerInvariant();
        return Phrases.TryGetValue(cleaned, out var command) ? command : null;
    }

    public Task<Reply> OnTextAsync(Turn turn, string? text, CancellationToken cancellationToken) => Match(text) switch
    {
        Command.Help => info.HelpAsync(turn, notUnderstood: false, cancellationToken),
        Command.SubmitReport => reports.ShowFormAsync(turn, null, cancellationToken),
        Command.MyStatus => info.StatusAsync(turn, cancellationToken),
        Command.LogTalk => talks.ShowFormAsync(turn, null, cancellationToken),
        Command.Overdue => overdue.ShowAsync(turn, null, cancellationToken),
        Command.BranchSummary => info.SummaryAsync(turn, cancellationToken),
        Command.Language => Task.FromResult(InfoFlows.LanguageChoice(turn)),
        Command.Rules => policy.ShowAsync(turn, cancellationToken),
        _ => info.HelpAsync(turn, notUnderstood: true, cancellationToken),
    };

    public Task<Reply> OnCardAsync(Turn turn, CardData data, CancellationToken cancellationToken) => data.Verb switch
    {
        Verbs.ReportForm => reports.ShowFormAsync(turn, data, cancellationToken),
        Verbs.ReportSubmit => reports.SubmitAsync(turn, data, cancellationToken),
        Verbs.ExtensionRequest => reports.RequestExtensionAsync(turn, data, cancellationToken),
        Verbs.ExtensionDecide => reports.DecideExtensionAsync(turn, data, cancellationToken),
        Verbs.TalkForm => talks.ShowFormAsync(turn, data, cancellationToken),
        Verbs.TalkSubmit => talks.SubmitAsync(turn, data, cancellationToken),
        Verbs.OverdueShow or Verbs.OverduePage => overdue.ShowAsync(turn, data, cancellationToken),
        Verbs.OverdueNudge => overdue.NudgeAsync(turn, data, cancellationToken),
        Verbs.OverdueNudgeAll => overdue.NudgeAllAsync(turn, data, cancellationToken),
        Verbs.OverdueExcuse => overdue.ExcuseAsync(turn, data, cancellationToken),
        Verbs.StatusShow => info.StatusAsync(turn, cancellationToken),
        Verbs.LanguageSet => InfoFlows.SetLanguageAsync(turn, data, cancellationToken),
        Verbs.PolicySave => policy.SaveAsync(turn, data, cancellationToken),
        Verbs.ReviewOpen => reviews.OpenAsync(turn, data, cancellationToken),
        Verbs.ReviewDecide => reviews.DecideAsync(turn, data, cancellationToken),
        Verbs.ReportsMine => reviews.MineAsync(turn, cancellationToken),
        Verbs.ReportRead => reviews.ReadAsync(turn, data, cancellationToken),
        Verbs.TalkAnswer => talks.AnswerAsync(turn, data, cancellationToken),
        Verbs.PipelineDevelopForm => pipeline.DevelopFormAsync(turn, data, cancellationToken),
        Verbs.PipelineDevelopSubmit => pipeline.DevelopSubmitAsync(turn, data, cancellationToken),
        Verbs.PipelineDefenceForm => pipeline.DefenceFormAsync(turn, data, cancellationToken),
        Verbs.PipelineDefenceScore => pipeline.DefenceScoreAsync(turn, data, cancellationToken),
        Verbs.PipelineAdmitForm => pipeline.AdmitFormAsync(turn, data, cancellationToken),
        Verbs.PipelineAdmitSubmit => pipeline.AdmitSubmitAsync(turn, data, cancellationToken),
        Verbs.PipelineProbationForm => pipeline.ProbationFormAsync(turn, data, cancellationToken),
        Verbs.PipelineProbationSubmit => pipeline.ProbationSubmitAsync(turn, data, cancellationToken),
        _ => Task.FromResult<Reply>(new Reply.Refused(turn.T("error.unknownVerb"))),
    };

    [GeneratedRegex(@"<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
