using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Export;

/// <summary>The yearly export from the chat: the form, and the download link it answers with.</summary>
public sealed class ExportFeature : Feature
{
    public override string Name => "export";

    public ExportFeature()
    {
        Verb<ExportFlow>(Verbs.ExportYearly, (flow, turn, data, ct) => flow.LinkAsync(turn, data, ct));

        Typed<ExportFlow>(Command.YearlyExport, ["yearly export", "export"], ["年度导出", "导出"], ["年度匯出", "匯出"],
            (flow, turn, ct) => flow.FormAsync(turn, ct), takesArgument: true);

        Label(YearlyExportCard.YearInput, "export.form.year");
        Label(YearlyExportCard.FormatInput, "export.form.format");
        Label(YearlyExportCard.ScopeInput, "export.form.scope");
    }
}
