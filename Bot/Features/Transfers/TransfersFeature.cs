using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Transfers;

/// <summary>组织关系转接: the committee's list of graduating members, their introduction letters and return receipts.</summary>
public sealed class TransfersFeature : Feature
{
    public override string Name => "transfers";

    public TransfersFeature()
    {
        Verb<TransferFlow>(Verbs.TransfersShow, (flow, turn, data, ct) => flow.ShowAsync(turn, data, ct));
        Verb<TransferFlow>(Verbs.TransfersLetter, (flow, turn, data, ct) => flow.LetterAsync(turn, data, ct));
        Verb<TransferFlow>(Verbs.TransfersReceipt, (flow, turn, data, ct) => flow.ReceiptAsync(turn, data, ct));

        Typed<TransferFlow>(Command.Transfers, ["transfers", "transfer"], ["组织关系转接", "转接"], ["組織關係轉接", "轉接"],
            (flow, turn, ct) => flow.ShowAsync(turn, ct), listed: false);

        Label(TransfersCard.LetterPersonInput, "transfers.letter.person");
        Label(TransfersCard.LetterDateInput, "transfers.letter.date");
        Label(TransfersCard.DestinationInput, "transfers.letter.destination");
        Label(TransfersCard.ReceiptPersonInput, "transfers.receipt.person");
        Label(TransfersCard.ReceiptDateInput, "transfers.receipt.date");
    }
}
