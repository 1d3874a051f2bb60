using System.Net;
using BranchBot.Bot.Cards;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// Sends to a member's stored 1:1 conversation through the same adapter (and cached connector clients) as
/// replies. One attempt; 403/404 mean the person cannot be reached.
/// </summary>
public sealed class ConversationSender(
    IDbContextFactory<BranchDbContext> databases,
    CloudAdapter adapter,
    IConfiguration configuration,
    ILogger<ConversationSender> logger) : IProactiveSender
{
    public Task<DeliveryOutcome> SendAsync(int memberId, AdaptiveCard? card, string? text, CancellationToken cancellationToken)
    {
        var activity = card is null ? MessageFactory.Text(text) : MessageFactory.Attachment(card.ToAttachment());
        if (card is not null) activity.Text = text;
        return DeliverAsync(memberId, activity, update: false, cancellationToken);
    }

    public Task<DeliveryOutcome> UpdateAsync(int memberId, string activityId, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var activity = MessageFactory.Attachment(card.ToAttachment());
        activity.Id = activityId;
        return DeliverAsync(memberId, activity, update: true, cancellationToken);
    }

    private async Task<DeliveryOutcome> DeliverAsync(int memberId, IActivity activity, bool update, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var user = await db.TeamsUsers.AsNoTracking().FirstOrDefaultAsync(u => u.MemberId == memberId, cancellationToken);
        if (user is null) return new DeliveryOutcome(DeliveryResult.NoConversation, Error: "The person has not opened a chat with the bot.");
        var reference = JsonConvert.DeserializeObject<ConversationReference>(user.ConversationReferenceJson)!;
        string? activityId = null;
        try
        {
            await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference, async (turn, ct) =>
            {
                var response = update ? await turn.UpdateActivityAsync(activity, ct) : await turn.SendActivityAsync(activity, ct);
                activityId = response?.Id ?? activity.Id;
            }, cancellationToken);
            return new DeliveryOutcome(DeliveryResult.Sent, activityId);
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException e) when (e.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            logger.LogWarning("Member {MemberId} cannot be reached: {Status} {Body}", memberId, e.Response.StatusCode, e.Response.Content);
            return new DeliveryOutcome(DeliveryResult.Unreachable, Error: $"{(int)e.Response.StatusCode} {e.Body?.Error?.Code}");
        }
        catch (Exception e) when (e is Microsoft.Bot.Schema.ErrorResponseException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(e, "Sending to member {MemberId} failed.", memberId);
            return new DeliveryOutcome(DeliveryResult.Failed, Error: e.Message);
        }
    }
}
