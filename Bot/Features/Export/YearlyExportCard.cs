using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Features.Export;

/// <summary>A scope the speaker may export: the branch (<see cref="YearlyExportCard.BranchScope"/>) or a group by id.</summary>
public sealed record ExportScope(string Value, string Name);

/// <summary>The yearly export's form (year, format, scope) and the answer: a download link. Schema 1.2 elements only.</summary>
public static class YearlyExportCard
{
    public const string YearInput = "exportYear";
    public const string FormatInput = "exportFormat";
    public const string ScopeInput = "exportScope";
    public const string BranchScope = "branch";

    public static string GroupScope(int groupId) => groupId.ToString(CultureInfo.InvariantCulture);

    public static AdaptiveCard Build(Language language, IReadOnlyList<int> years, int year, IReadOnlyList<ExportScope> scopes, string cardId)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(L("export.form.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(L("export.form.intro")) with { IsSubtle = true, Spacing = Spacing.Small },
                new InputChoiceSet(YearInput, years.Select(y => new Choice(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture))).ToList())
                    { Label = L("export.form.year"), Style = ChoiceStyle.Compact, Value = year.ToString(CultureInfo.InvariantCulture), IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("export.form.year")) },
                new InputChoiceSet(FormatInput, [new Choice(L("export.format.Xlsx"), nameof(ExportFormat.Xlsx)), new Choice(L("export.format.Csv"), nameof(ExportFormat.Csv))])
                    { Label = L("export.form.format"), Style = ChoiceStyle.Expanded, Value = nameof(ExportFormat.Xlsx), IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("export.form.format")) },
                new InputChoiceSet(ScopeInput, scopes.Select(s => new Choice(s.Name, s.Value)).ToList())
                    { Label = L("export.form.scope"), Style = ChoiceStyle.Compact, Value = scopes[0].Value, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("export.form.scope")) },
            ],
            [new ActionSubmit(L("export.form.submit"), CardActionData.For(Verbs.ExportYearly, cardId)) { Style = ActionStyle.Positive }]);
    }

    /// <summary>The answer in place of the form: what was asked for, until when the link works, and the link.</summary>
    public static AdaptiveCard Link(Language language, int year, ExportFormat format, string scopeName, string expiresAt, Uri url)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "export.link.title", year)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(
                [
                    Fact.User(L("export.form.scope"), UserText.Clip(scopeName)),
                    Fact.Trusted(L("export.form.format"), L("export.format." + format)),
                    Fact.Trusted(L("export.link.until"), expiresAt),
                ]),
                TextBlock.Trusted(L("export.link.note")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionOpenUrl(L("export.link.download"), url) { Style = ActionStyle.Positive }]);
    }
}
