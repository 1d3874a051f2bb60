using System.IO.Compression;
using System.Text.Json.Nodes;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Tests.Manifest;

/// <summary>The package built once with test ids, unzipped, shared by the tests that read it.</summary>
public sealed class PackagedApp : IDisposable
{
    public const string BotId = "0b4a8a3c-6f0e-4b53-9c1e-2f7d5a1e9b10";
    public const string AppId = "5c2f3e1d-8a7b-4c6d-9e0f-1a2b3c4d5e6f";

    private readonly string _root = Tools.CreateTempDirectory();

    public PackagedApp()
    {
        Result = Tools.Package(_root, new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = BotId,
            ["TEAMS_APP_ID"] = AppId,
            ["TEAMS_APP_VERSION"] = "2.3.4",
            ["BRANCHBOT_SITE_URL"] = "https://branch.example.edu/bot/",
            ["BRANCHBOT_TERMS_URL"] = "https://branch.example.edu/rules?lang=zh&v=1",
        });
        ZipPath = Path.Combine(_root, "branchbot.zip");
        Folder = Path.Combine(_root, "unzipped");
        if (Result.ExitCode == 0) ZipFile.ExtractToDirectory(ZipPath, Folder);
    }

    public ToolResult Result { get; }
    public string ZipPath { get; }
    public string Folder { get; }
    public string ManifestPath => Path.Combine(Folder, "manifest.json");

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public class ManifestTests(PackagedApp app) : IClassFixture<PackagedApp>, IDisposable
{
    private readonly string _temp = Tools.CreateTempDirectory();

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static JsonObject ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    [Fact]
    public void Package_WithIdsAndUrls_ZipHoldsFilledManifestAndAssetsAtRoot()
    {
        Assert.True(app.Result.ExitCode == 0, app.Result.ToString());
        using var zip = ZipFile.OpenRead(app.ZipPath);
        Assert.Equal(
            ["color.png", "en.json", "manifest.json", "outline.png", "zh-tw.json"],
            zip.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));

        var manifest = ReadJson(app.ManifestPath);
        Assert.Equal(PackagedApp.AppId, (string?)manifest["id"]);
        Assert.Equal(PackagedApp.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("2.3.4", (string?)manifest["version"]);
        Assert.Equal("https://branch.example.edu/bot", (string?)manifest["developer"]!["websiteUrl"]);
        Assert.Equal("https://branch.example.edu/bot/privacy", (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal("https://branch.example.edu/rules?lang=zh&v=1", (string?)manifest["developer"]!["termsOfUseUrl"]);
        Assert.DoesNotContain("${{", File.ReadAllText(app.ManifestPath));
    }

    [Fact]
    public void Package_WithSiteUrl_DeclaresThePersonalTabAtTheBotsHostWithItsSsoResource()
    {
        Assert.True(app.Result.ExitCode == 0, app.Result.ToString());
        var manifest = ReadJson(app.ManifestPath);

        var tab = manifest["staticTabs"]!.AsArray().Single()!;
        Assert.Equal("https://branch.example.edu/bot/tab", (string?)tab["contentUrl"]);
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["branch.example.edu"], manifest["validDomains"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(PackagedApp.BotId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://branch.example.edu/{PackagedApp.BotId}", (string?)manifest["webApplicationInfo"]!["resource"]);
    }

    [Fact]
    public void Package_WithBotUrl_PointsTheTabThereAndNotAtTheSite()
    {
        var result = Tools.Package(_temp, new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = PackagedApp.BotId,
            ["BRANCHBOT_BOT_URL"] = "https://bot.branch.example.edu/",
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        using var zip = ZipFile.OpenRead(Path.Combine(_temp, "branchbot.zip"));
        using var stream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;
        Assert.Equal("https://bot.branch.example.edu/tab", (string?)manifest["staticTabs"]![0]!["contentUrl"]);
        Assert.Equal($"api://bot.branch.example.edu/{PackagedApp.BotId}", (string?)manifest["webApplicationInfo"]!["resource"]);
    }

    [Fact]
    public void Package_WithoutTeamsAppId_UsesBotIdAsAppId()
    {
        var result = Tools.Package(_temp, new Dictionary<string, string> { ["MicrosoftAppId"] = PackagedApp.BotId });

        Assert.True(result.ExitCode == 0, result.ToString());
        using var zip = ZipFile.OpenRead(Path.Combine(_temp, "branchbot.zip"));
        using var stream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;
        Assert.Equal(PackagedApp.BotId, (string?)manifest["id"]);
        Assert.Equal("1.0.0", (string?)manifest["version"]);
        Assert.Equal("https://branchbot.example.org/terms", (string?)manifest["developer"]!["termsOfUseUrl"]);
    }

    [Fact]
    public void Package_WithoutBotId_FailsNamingTheSetting()
    {
        var result = Tools.Package(_temp, new Dictionary<string, string>());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("MicrosoftAppId is not set", result.Error);
        Assert.False(File.Exists(Path.Combine(_temp, "branchbot.zip")));
    }

    [Theory]
    [InlineData("MicrosoftAppId", "my-bot", "MicrosoftAppId 'my-bot' is not a GUID")]
    [InlineData("TEAMS_APP_ID", "5c2f3e1d8a7b4c6d9e0f1a2b3c4d5e6f", "TEAMS_APP_ID '5c2f3e1d8a7b4c6d9e0f1a2b3c4d5e6f' is not a GUID")]
    [InlineData("TEAMS_APP_VERSION", "1.0", "TEAMS_APP_VERSION '1.0' is not major.minor.patch")]
    [InlineData("BRANCHBOT_PRIVACY_URL", "http://branch.example.edu/privacy", "BRANCHBOT_PRIVACY_URL 'http://branch.example.edu/privacy' is not an https:// URL")]
    public void Package_WithInvalidSetting_FailsWithMessage(string name, string value, string message)
    {
        var settings = new Dictionary<string, string> { ["MicrosoftAppId"] = PackagedApp.BotId, [name] = value };

        var result = Tools.Package(_temp, settings);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(File.Exists(Path.Combine(_temp, "branchbot.zip")));
    }

    [Fact]
    public void Validate_PackagedManifest_ReportsNoErrors()
    {
        Assert.True(app.Result.ExitCode == 0, app.Result.ToString());

        var result = Tools.ValidateManifest(app.ManifestPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("valid: manifest.json, en.json, zh-tw.json", result.Output.Trim());
    }

    [Fact]
    public void Validate_ManifestAndLocalizationBreakingSchema_ReportsEachError()
    {
        foreach (var file in Directory.GetFiles(app.Folder)) File.Copy(file, Path.Combine(_temp, Path.GetFileName(file)));
        var manifest = ReadJson(Path.Combine(_temp, "manifest.json"));
        manifest["name"]!["short"] = new string('支', 31);
        File.WriteAllText(Path.Combine(_temp, "manifest.json"), manifest.ToJsonString());
        var english = ReadJson(Path.Combine(_temp, "en.json"));
        english["bots[0].commandLists[0].commands[12].title"] = "ghost";
        english["description.short"] = new string('x', 81);
        File.WriteAllText(Path.Combine(_temp, "en.json"), english.ToJsonString());

        var result = Tools.ValidateManifest(Path.Combine(_temp, "manifest.json"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("manifest.json: /name/short must NOT have more than 30 characters", result.Output);
        Assert.Contains("en.json: /description.short must NOT have more than 80 characters", result.Output);
        Assert.Contains("en.json: 'bots[0].commandLists[0].commands[12].title' names a command that manifest.json does not have", result.Output);
    }

    [Fact]
    public void OutlineIcon_Decoded_Is32SquareWhiteOnTransparent()
    {
        var file = File.ReadAllBytes(Tools.InRepo("manifest", "outline.png"));

        var header = Png.ReadHeader(file);
        var icon = Png.Decode(file);

        Assert.Equal((32, 32), (header.Width, header.Height));
        var notWhite = icon.Pixels().Where(p => p.A != 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();
        Assert.True(notWhite.Count == 0, $"{notWhite.Count} visible pixels are not white, first {notWhite.FirstOrDefault()}");
        var opaque = icon.Pixels().Count(p => p.A == 255);
        var transparent = icon.Pixels().Count(p => p.A == 0);
        Assert.InRange(opaque, 50, 32 * 32 / 2);
        Assert.InRange(transparent, 32 * 32 / 3, 32 * 32);
    }

    [Fact]
    public void ColorIcon_Decoded_Is192SquareOpaqueOnAccentColourAndNotFlat()
    {
        var file = File.ReadAllBytes(Tools.InRepo("manifest", "color.png"));
        var accent = Convert.FromHexString(((string)ReadJson(Tools.InRepo("manifest", "manifest.json"))["accentColor"]!)[1..]);

        var header = Png.ReadHeader(file);
        var icon = Png.Decode(file);

        Assert.Equal((192, 192), (header.Width, header.Height));
        Assert.All(icon.Pixels(), p => Assert.Equal(255, p.A));
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), icon[0, 0]);
        Assert.True(icon.Pixels().Distinct().Count() > 10, "the colour icon is (nearly) one flat colour");
        Assert.Contains((byte.MaxValue, byte.MaxValue, byte.MaxValue, byte.MaxValue), icon.Pixels());
    }

    [Fact]
    public void Icons_RedrawnByGenerator_EqualCommittedFiles()
    {
        var result = Tools.Node(Tools.InRepo("manifest", "draw-icons.mjs"), _temp);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            Assert.True(
                File.ReadAllBytes(Tools.InRepo("manifest", icon)).SequenceEqual(File.ReadAllBytes(Path.Combine(_temp, icon))),
                $"manifest/{icon} differs from what manifest/draw-icons.mjs draws: run it and commit the result");
        }
    }

    public static TheoryData<string, string> Languages => new()
    {
        { "manifest.json", "zh-Hans" },
        { "en.json", "en" },
        { "zh-tw.json", "zh-Hant" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void CommandList_EachLanguage_ListsEveryCommandOnceByItsFirstPhrase(string file, string language)
    {
        var titles = CommandStrings(file, "title");
        var descriptions = CommandStrings(file, "description");
        var expected = Commands.Listed.Select(entry => PhrasesIn(entry, language)[0]).ToList();

        Assert.Equal(expected, titles);
        Assert.All(descriptions, description => Assert.False(string.IsNullOrWhiteSpace(description)));
        Assert.Equal(Enum.GetValues<Command>(), Commands.All.Select(entry => entry.Command));
        Assert.InRange(titles.Count, 1, 12);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void CommandList_EachTitle_IsAPhraseTheBotAnswersInThatLanguage(string file, string language)
    {
        var titles = CommandStrings(file, "title");

        var matched = titles.Select(title => Commands.All
            .Where(entry => PhrasesIn(entry, language).Contains(title, StringComparer.OrdinalIgnoreCase))
            .Select(entry => entry.Command.ToString())
            .SingleOrDefault() ?? $"no command answers '{title}'").ToList();

        Assert.Equal(Commands.Listed.Select(entry => entry.Command.ToString()), matched);
    }

    private static string[] PhrasesIn(Commands.Entry entry, string language) => language switch
    {
        "zh-Hans" => entry.SimplifiedChinese,
        "zh-Hant" => entry.TraditionalChinese,
        "en" => entry.English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    // The default strings live in manifest.json; a localization file holds the same strings under keys.
    private static List<string> CommandStrings(string file, string property)
    {
        var manifest = ReadJson(Tools.InRepo("manifest", "manifest.json"));
        var commands = manifest["bots"]![0]!["commandLists"]!.AsArray().Single()!["commands"]!.AsArray();
        if (file == "manifest.json") return commands.Select(command => (string)command![property]!).ToList();

        var strings = ReadJson(Tools.InRepo("manifest", file));
        return Enumerable.Range(0, commands.Count).Select(i =>
        {
            var key = $"bots[0].commandLists[0].commands[{i}].{property}";
            return strings[key] is { } value ? (string)value! : throw new Xunit.Sdk.XunitException($"{file} has no {key}");
        }).ToList();
    }
}
