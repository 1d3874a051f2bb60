using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Info;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Localization;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// The thin edge between Bot Framework and our flows: resolve who is speaking, hand off to the router, and turn
/// its <see cref="Reply"/> into SDK calls (a new message, an in-place card update, or an invoke response).
/// </summary>
public sealed class BranchBotHandler(
    IDbContextFactory<BranchDbContext> databases,
    SpeakerResolver speakers,
    BranchState branchState,
    Router router,
    TimeProvider time,
    IOptions<BenchmarkOptions> benchmark) : ActivityHandler
{
    private const string InvokeMessageType = "application/vnd.microsoft.activity.message";
    private readonly bool _echo = benchmark.Value.Echo;

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (_echo && activity.Value is null && activity.Text == BenchmarkOptions.EchoText)
        {
            // The benchmark's floor (Benchmark:Echo, never in Production): the same host, adapter and connector path, no database.
            await turnContext.SendActivityAsync(MessageFactory.Text(BenchmarkOptions.EchoReply), cancellationToken);
            return;
        }

        using var metered = BranchBotTelemetry.StartTurn(activity);
        var isCard = activity.Value is not null;
        var typed = !isCard && Router.Match(activity.Text) is not null ? Commands.LanguageOf(activity.Text) : null;

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var speaker = await speakers.ResolveAsync(turnContext, db, typed, cancellationToken);
        if (speaker.Member is null)
        {
            await turnContext.SendActivityAsync(MessageFactory.Attachment(await NotOnRosterAsync(speaker, db, cancellationToken)), cancellationToken);
            metered?.Refused();
            return;
        }

        var turn = await TurnAsync(speaker, db, activity.ReplyToId, cancellationToken);
        var reply = !isCard
            ? await router.OnTextAsync(turn, activity.Text, cancellationToken)
            : activity.TryReadCardData(out var data, out var error)
                ? await router.OnCardAsync(turn, data!, cancellationToken)
                : new Reply.Refused(Errors.Describe(turn, error!));
        await SendAsync(turnContext, reply, activity.ReplyToId, cancellationToken);
        metered?.Answered(reply);
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Name == "adaptiveCard/action"
            ? await base.OnInvokeActivityAsync(turnContext, cancellationToken)
            : new InvokeResponse { Status = 200 }; // invokes we do not use are acknowledged, never answered with 501

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        using var metered = BranchBotTelemetry.StartTurn(turnContext.Activity);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var speaker = await speakers.ResolveAsync(turnContext, db, null, cancellationToken);
        if (speaker.Member is null)
        {
            metered?.Refused();
            return Message(Texts.Default.Get(speaker.Language, "roster.notOnRoster.title"));
        }

        var turn = await TurnAsync(speaker, db, turnContext.Activity.ReplyToId, cancellationToken);
        var reply = turnContext.Activity.TryReadCardData(out var data, out var error)
            ? await router.OnCardAsync(turn, data!, cancellationToken)
            : new Reply.Refused(Errors.Describe(turn, error!));
        metered?.Answered(reply);
        switch (reply)
        {
            case Reply.ReplaceCard replace:
                if (replace.Text is not null) await turnContext.SendActivityAsync(MessageFactory.Text(replace.Text), cancellationToken);
                return replace.Card.ToInvokeResponse();
            case Reply.Message message:
                await SendAsync(turnContext, message, null, cancellationToken);
                return Message(message.Text ?? "");
            case Reply.Refused refused:
                return Message(refused.Text);
            default:
                throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}.");
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var speaker = await speakers.ResolveAsync(turnContext, db, null, cancellationToken);
        if (speaker.Member is null)
        {
            await turnContext.SendActivityAsync(MessageFactory.Attachment(await NotOnRosterAsync(speaker, db, cancellationToken)), cancellationToken);
            return;
        }
        var turn = await TurnAsync(speaker, db, null, cancellationToken);
        await SendAsync(turnContext, await router.OnTextAsync(turn, "help", cancellationToken), null, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // The bot joining a personal chat: keep the conversation reference; the welcome goes with installationUpdate.
        if (membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id) && turnContext.Activity.From is not null)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            await speakers.ResolveAsync(turnContext, db, null, cancellationToken);
        }
    }

    private async Task<Turn> TurnAsync(Speaker speaker, BranchDbContext db, string? answeredCard, CancellationToken cancellationToken)
    {
        var (branch, policy, spans) = await branchState.LoadWithSpansAsync(db, cancellationToken);
        return new Turn(speaker, db, time.GetUtcNow(), branch, policy, answeredCard) { Spans = spans };
    }

    private async Task<Attachment> NotOnRosterAsync(Speaker speaker, BranchDbContext db, CancellationToken cancellationToken)
    {
        var (branch, _) = await branchState.LoadAsync(db, cancellationToken);
        return NotOnRosterCard.Build(speaker.Language, branch.Name, speaker.DisplayName).ToAttachment();
    }

    private static async Task SendAsync(ITurnContext turnContext, Reply reply, string? answeredCard, CancellationToken cancellationToken)
    {
        switch (reply)
        {
            case Reply.ReplaceCard replace when !string.IsNullOrEmpty(answeredCard):
                var update = MessageFactory.Attachment(replace.Card.ToAttachment());
                update.Id = answeredCard;
                await turnContext.UpdateActivityAsync(update, cancellationToken);
                if (replace.Text is not null) await turnContext.SendActivityAsync(MessageFactory.Text(replace.Text), cancellationToken);
                break;
            case Reply.ReplaceCard replace:
                await SendAsync(turnContext, new Reply.Message(replace.Card, replace.Text), null, cancellationToken);
                break;
            case Reply.Message { Card: { } card } message:
                var activity = MessageFactory.Attachment(card.ToAttachment());
                activity.Text = message.Text;
                await turnContext.SendActivityAsync(activity, cancellationToken);
                break;
            case Reply.Message { Text: { } text }:
                await turnContext.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
                break;
            case Reply.Refused refused:
                await turnContext.SendActivityAsync(MessageFactory.Text(refused.Text), cancellationToken);
                break;
        }
    }

    private static AdaptiveCardInvokeResponse Message(string text) => new() { StatusCode = 200, Type = InvokeMessageType, Value = text };
}
