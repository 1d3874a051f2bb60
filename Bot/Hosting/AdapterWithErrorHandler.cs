using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// The one adapter of the process: inbound turns and, later, proactive sends go through it (and so through
/// the cached connector clients). A failing turn is logged and the user gets a neutral apology, never the exception.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    public const string FallbackText = "出错了，请稍后再试 / Something went wrong, please try again later.";

    public AdapterWithErrorHandler(BotFrameworkAuthentication authentication, ILogger<CloudAdapter> logger)
        : base(authentication, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            logger.LogError(exception, "Turn failed: {ActivityType} {ActivityName} in conversation {ConversationId}",
                activity.Type, activity.Name, activity.Conversation?.Id);

            if (activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke))
            {
                return;
            }

            try
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(FallbackText)).ConfigureAwait(false);
            }
            catch (Exception sendFailure)
            {
                logger.LogError(sendFailure, "Could not send the error message to conversation {ConversationId}", activity.Conversation?.Id);
            }
        };
    }
}
