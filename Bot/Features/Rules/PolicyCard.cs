using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Rules;

/// <summary>Who last changed the policy, and when (branch-local time).</summary>
public sealed record PolicyLastChange(string ChangedBy, DateTime LocalAt);

/// <summary>
/// The committee's view of the branch rules, editable: per rule the reminder days, reminder time, grace days and
/// (for written kinds) minimum length; for the whole branch the due-soon days, the extension length and the days after a
/// break; the meeting quotas and check-in window; the public notice's days and the half-yearly evaluation. Inputs are
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
            MaxLength = PolicyEdit.MaxValueLength,
        };

        var body = new List<CardElement>
        {
            TextBlock.Trusted(Label("policy.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(lastChange is null
                ? Label("policy.neverChanged")
                : t.Get(language, "policy.lastChange", Markdown.Escape(UserText.Clip(lastChange.ChangedBy)), Formats.DateTime(language, lastChange.LocalAt))),
            TextBlock.Trusted(Label("policy.intro")),
        };
        // Grouped as the tab groups them: each duty's rule, then the branch, the meetings, the pipeline; the values are
        // PolicyEdit's, so what the card shows is what a save reads back.
        var values = PolicyEdit.Values(policy);
        PolicySection? section = null;
        int? rule = null;
        foreach (var field in PolicyEdit.Fields(policy))
        {
            if (field.Section != section || field.RuleIndex != rule)
            {
                var heading = field.RuleIndex is { } i ? RuleName(language, policy.Rules[i]) : Label(SectionKey(field.Section));
                body.Add(TextBlock.Trusted(heading) with { Weight = TextWeight.Bolder });
                (section, rule) = (field.Section, field.RuleIndex);
            }
            body.Add(Field(field.Id, field.LabelKey, values[field.Id]));
        }

        return new AdaptiveCard(body,
        [
            new ActionSubmit(Label("policy.save"), CardActionData.For(Verbs.PolicySave, cardId).With(VersionField, version)) { Style = ActionStyle.Positive },
        ]);
    }

    /// <summary>The heading of a section that is not a rule.</summary>
    public static string SectionKey(PolicySection section) => section switch
    {
        PolicySection.Meetings => "policy.meetingsSection",
        PolicySection.Pipeline => "policy.pipelineSection",
        _ => "policy.branchWide",
    };

    /// <summary>"Thought report · Activist": how the card and its refusals name a rule.</summary>
    public static string RuleName(Language language, PolicyRule rule) =>
        Formats.Kind(language, rule.Kind) + " · " + Formats.Stage(language, rule.SubjectStage);
}
