using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Reports;

/// <summary>Written reports: the form, the hand-in, and the request for more time with its decision.</summary>
public sealed class ReportsFeature : Feature
{
    public override string Name => "reports";

    public ReportsFeature()
    {
        Verb<ReportFlow>(Verbs.ReportForm, (flow, turn, data, ct) => flow.ShowFormAsync(turn, data, ct));
        Verb<ReportFlow>(Verbs.ReportSubmit, (flow, turn, data, ct) => flow.SubmitAsync(turn, data, ct));
        Verb<ReportFlow>(Verbs.ExtensionRequest, (flow, turn, data, ct) => flow.RequestExtensionAsync(turn, data, ct));
        Verb<ReportFlow>(Verbs.ExtensionDecide, (flow, turn, data, ct) => flow.DecideExtensionAsync(turn, data, ct));

        Typed<ReportFlow>(Command.SubmitReport, ["submit report", "report"], ["交思想汇报", "思想汇报", "交汇报"], ["交思想匯報", "思想匯報", "交匯報"],
            (flow, turn, ct) => flow.ShowFormAsync(turn, null, ct));

        Label(ReportFormCard.TextInput, "report.form.label");
        Label(ReportFormCard.ReasonInput, "extension.request.reasonLabel");
    }
}
