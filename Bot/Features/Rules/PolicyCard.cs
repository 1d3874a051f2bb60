using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Rules;

/// <summary>Who last changed the policy, and when (branch-local time).</summary>
public sealed record PolicyLastChange(string ChangedBy, DateTime LocalAt);

/// <summary>
/// The committee's view of the branch rules, editable: per rule the reminder days, reminder time, grace days and
/// (for written kinds) minimum length; for the whole branch the due-soon days and the extension length. Inputs are
/// numbered by the rule's position in the policy the card was built from; <see cref="VersionField"/> names that
/// policy, so a save from an older card is refused rather than applied to rules it did not show.
/// </summary>
public static class PolicyCard
{
    public const string OffsetsInputPrefix = "offsets_";
    public const string TimeInputPrefix = "time_";
    public const string GraceInputPrefix = "grace_";
    public const string MinLengthInputPrefix = "minLength_";
    public const string DueSoonInput = "dueSoonDays";
    public const string ExtensionInput = "extensionDays";
    public const string VersionField = "version";

    public static AdaptiveCard Build(Language language, Policy policy, int version, PolicyLastChange? lastChange, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        InputText Field(string id, string labelKey, string value) => new(id)
        {
            Label = Label(labelKey),
            Value = value,
            MaxLength = 40,
        };

        var body = new List<CardElement>
        {
            TextBlock.Trusted(Label("policy.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(lastChange is null
                ? Label("policy.neverChanged")
                : t.Get(language, "policy.lastChange", Markdown.Escape(UserText.Clip(lastChange.ChangedBy)), Formats.DateTime(language, lastChange.LocalAt))),
            TextBlock.Trusted(Label("policy.intro")),
        };
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            body.Add(TextBlock.Trusted(RuleName(language, rule)) with { Weight = TextWeight.Bolder });
            body.Add(Field(OffsetsInputPrefix + n, "policy.offsetsLabel", string.Join(",", rule.ReminderOffsetsDays.Select(d => d.ToString(CultureInfo.InvariantCulture)))));
            body.Add(Field(TimeInputPrefix + n, "policy.timeLabel", rule.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture)));
            body.Add(Field(GraceInputPrefix + n, "policy.graceLabel", rule.GraceDays.ToString(CultureInfo.InvariantCulture)));
            if (rule.IsWritten) body.Add(Field(MinLengthInputPrefix + n, "policy.minLengthLabel", rule.MinLength.ToString(CultureInfo.InvariantCulture)));
        }
        body.Add(TextBlock.Trusted(Label("policy.branchWide")) with { Weight = TextWeight.Bolder });
        body.Add(Field(DueSoonInput, "policy.dueSoonLabel", policy.DueSoonDays.ToString(CultureInfo.InvariantCulture)));
        body.Add(Field(ExtensionInput, "policy.extensionLabel", policy.ExtensionDays.ToString(CultureInfo.InvariantCulture)));

        return new AdaptiveCard(body,
        [
            new ActionSubmit(Label("policy.save"), CardActionData.For(Verbs.PolicySave, cardId).With(VersionField, version)) { Style = ActionStyle.Positive },
        ]);
    }

    /// <summary>"Thought report · Activist": how the card and its refusals name a rule.</summary>
    public static string RuleName(Language language, PolicyRule rule) =>
        Formats.Kind(language, rule.Kind) + " · " + Formats.Stage(language, rule.SubjectStage);
}
