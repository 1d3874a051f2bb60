using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BranchBot.Bot.Hosting;

/// <summary>Placeholder turn handler: echoes messages until the verb router takes over.</summary>
public sealed class BranchBotHandler : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text ?? string.Empty), cancellationToken);
}
