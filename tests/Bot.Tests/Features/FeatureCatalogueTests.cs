using System.Reflection;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using FeatureList = BranchBot.Bot.Features.Features;

namespace BranchBot.Bot.Tests.Features;

/// <summary>The features' declarations, read as one catalogue: what the router, Errors and the manifest are built from.</summary>
public sealed class FeatureCatalogueTests
{
    private static readonly IReadOnlyList<string> VerbConstants = typeof(Verbs)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    public static TheoryData<string> AllVerbs() => [.. VerbConstants];

    [Theory]
    [MemberData(nameof(AllVerbs))]
    public void CardVerbs_EveryVerbInVerbs_HasExactlyOneHandler(string verb)
    {
        var owners = FeatureList.All.Where(f => f.CardVerbs.Any(v => v.Verb == verb)).Select(f => f.Name).ToList();
        var routes = FeatureList.All.SelectMany(f => f.CardVerbs).Count(v => v.Verb == verb);

        Assert.True(routes == 1, $"Verb '{verb}' has {routes} handlers ({string.Join(", ", owners)}): declare it once, in its feature.");
    }

    [Fact]
    public void CardVerbs_EveryDeclaredVerb_IsInVerbs()
    {
        var declared = FeatureList.All.SelectMany(f => f.CardVerbs).Select(v => v.Verb).ToList();

        Assert.Empty(declared.Except(VerbConstants));
    }

    [Fact]
    public void TypedCommands_EveryCommand_IsDeclaredOnceWithPhrasesInEveryLanguage()
    {
        var declared = FeatureList.All.SelectMany(f => f.TypedCommands).Select(c => c.Phrases).ToList();

        Assert.Equal(Enum.GetValues<Command>(), declared.Select(e => e.Command).Order());
        Assert.All(declared, e =>
        {
            Assert.NotEmpty(e.English);
            Assert.NotEmpty(e.SimplifiedChinese);
            Assert.NotEmpty(e.TraditionalChinese);
        });
    }

    [Theory]
    [InlineData(Language.ZhCn)]
    [InlineData(Language.EnUs)]
    [InlineData(Language.ZhTw)]
    public void HelpCard_EveryCommandButHelp_IsNamedByItsFirstPhrase(Language language)
    {
        var help = string.Join("\n", new[] { "student", "mentor", "groupLeader", "committee" }
            .Select(section => Texts.Default.Get(language, $"help.{section}.body"))
            .Append(Texts.Default.Get(language, "help.language")));

        var missing = Commands.All.Where(e => e.Command != Command.Help)
            .Select(e => language switch { Language.ZhCn => e.SimplifiedChinese[0], Language.ZhTw => e.TraditionalChinese[0], _ => e.English[0] })
            .Where(phrase => !help.Contains($"**{phrase}**", StringComparison.OrdinalIgnoreCase))
            .ToList();

        // Unlisted commands (beyond the manifest's 12) are found only through the help card.
        Assert.Empty(missing);
    }

    [Fact]
    public void TypedCommands_NoPhrase_MapsToTwoCommands()
    {
        var clashes = FeatureList.All.SelectMany(f => f.TypedCommands)
            .SelectMany(c => c.Phrases.English.Concat(c.Phrases.SimplifiedChinese).Concat(c.Phrases.TraditionalChinese).Select(p => (Phrase: p.ToLowerInvariant(), c.Phrases.Command)))
            .GroupBy(x => x.Phrase)
            .Where(g => g.Select(x => x.Command).Distinct().Count() > 1)
            .Select(g => $"'{g.Key}': {string.Join(", ", g.Select(x => x.Command).Distinct())}")
            .ToList();

        Assert.Empty(clashes);
    }

    [Theory]
    [InlineData("submit report", Command.SubmitReport)]
    [InlineData("支部統計", Command.BranchSummary)]
    [InlineData("<at>BranchBot</at> 逾期。", Command.Overdue)]
    [InlineData("规则", Command.Rules)]
    public void Match_APhraseOfAFeature_IsItsCommand(string text, Command expected)
    {
        Assert.Equal(expected, Router.Match(text));
    }

    [Theory]
    [InlineData("年度导出 2025", "2025")]
    [InlineData("年度导出2025", "2025")]
    [InlineData("<at>BranchBot</at> Yearly Export 2024.", "2024")]
    [InlineData("年度匯出 2023", "2023")]
    [InlineData("年度导出", null)]
    public void Parse_ACommandThatTakesAnArgument_HandsOnWhatFollowsItsPhrase(string text, string? argument)
    {
        Assert.Equal((Command.YearlyExport, argument), Router.Parse(text));
    }

    [Theory]
    [InlineData("帮助 2025")]
    [InlineData("yearly exports")]
    [InlineData("统计2025")]
    public void Parse_ExtraWordsAfterACommandThatTakesNone_AreNotACommand(string text)
    {
        Assert.Null(Router.Parse(text));
    }

    [Fact]
    public void InputLabels_NoInputOrPrefix_IsDeclaredTwice()
    {
        var fields = FeatureList.All.SelectMany(f => f.InputLabels).Select(l => l.Field).ToList();

        Assert.Equal(fields.Count, fields.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void InputLabels_EveryDeclaredLabel_IsATextInEveryLanguage()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            var texts = Texts.Default.All(language);
            Assert.All(FeatureList.All.SelectMany(f => f.InputLabels), l =>
                Assert.True(texts.ContainsKey(l.TextKey), $"{l.Field}: label '{l.TextKey}' is missing in {language}."));
        }
    }

    [Fact]
    public void Flows_EveryFeature_RoutesToAtLeastOneFlow()
    {
        Assert.All(FeatureList.All, f => Assert.NotEmpty(f.Flows));
        Assert.Equal(FeatureList.All.Count, FeatureList.All.Select(f => f.Name).Distinct().Count());
    }
}

/// <summary>The shared floor never reaches into a feature's room; the router and the composition root may.</summary>
public sealed class FloorTests
{
    [Theory]
    [InlineData("Cards")]
    [InlineData("Localization")]
    [InlineData("Delivery")]
    [InlineData("Hosting")]
    public void Floor_SourceFiles_DoNotUseTheFeatures(string folder)
    {
        var offenders = Directory.EnumerateFiles(Manifest.Tools.InRepo("Bot", folder), "*.cs", SearchOption.AllDirectories)
            .Where(path => File.ReadAllText(path).Contains("BranchBot.Bot.Features", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offenders);
    }
}
