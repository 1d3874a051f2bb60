using System.ComponentModel;
using System.Diagnostics;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Tests.Cards;

/// <summary>
/// Every card in <see cref="CardCatalogForTests"/> must parse cleanly in Microsoft's renderer library and match
/// Microsoft's official JSON schema for the version it declares.
/// </summary>
public sealed class CardRendererTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("branchbot-cards-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void EveryCatalogCard_InEveryLanguageWithHostileText_ParsesWithoutErrors()
    {
        var count = WriteCatalog();

        var (exitCode, output) = NodeValidator.Run(dir.FullName);

        Assert.True(exitCode == 0, $"validate-cards.mjs exited {exitCode}:\n{output}");
        Assert.Contains($"{count}/{count} cards valid", output);
    }

    [Fact]
    public void EveryCatalogCard_InEveryLanguageWithHostileText_MatchesTheOfficialSchemaOfItsVersion()
    {
        var count = WriteCatalog();

        var (exitCode, output) = NodeValidator.Run(dir.FullName, NodeValidator.Schema);

        Assert.True(exitCode == 0, $"validate-card-schema.mjs exited {exitCode}:\n{output}");
        Assert.Contains($"{count}/{count} cards match the official schema", output);
    }

    [Fact]
    public void SchemaValidator_PlaceholderOnAChoiceSetIn12AndATypo_Fails()
    {
        File.WriteAllText(Path.Combine(dir.FullName, "bad.json"),
            """{"type":"AdaptiveCard","version":"1.2","body":[{"type":"Input.ChoiceSet","id":"m","placeholder":"Choose","choices":[{"title":"a","value":"1"}]},{"type":"TextBlock","text":"x","wrapp":true}]}""");
        File.WriteAllText(Path.Combine(dir.FullName, "good.json"),
            """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","id":"m","placeholder":"Choose","label":"Mentee","choices":[{"title":"a","value":"1"}]}]}""");

        var (exitCode, output) = NodeValidator.Run(dir.FullName, NodeValidator.Schema);

        Assert.Equal(1, exitCode);
        Assert.Contains("card/body/0: must NOT have additional properties \"placeholder\"", output);
        Assert.Contains("card/body/1: must NOT have additional properties \"wrapp\"", output);
        Assert.DoesNotContain("good.json", output);
        Assert.Contains("1/2 cards match the official schema", output);
    }

    private int WriteCatalog()
    {
        var count = 0;
        foreach (var entry in CardCatalogForTests.All)
            foreach (var language in Enum.GetValues<Language>())
                foreach (var (textName, text) in CardCatalogForTests.HostileTexts)
                {
                    File.WriteAllText(Path.Combine(dir.FullName, $"{entry.Name}.{language.Tag()}.{textName}.json"), entry.Build(language, text).ToJson());
                    count++;
                }
        return count;
    }

    [Fact]
    public void Validator_CardUsingLabelsOn12AndATypo_Fails()
    {
        File.WriteAllText(Path.Combine(dir.FullName, "bad.json"),
            """{"type":"AdaptiveCard","version":"1.2","body":[{"type":"TextBlock","text":"x","wrapp":true},{"type":"Input.Text","id":"t","label":"L"}],"actions":[{"type":"Action.Execute","title":"x","verb":"v"}]}""");

        var (exitCode, output) = NodeValidator.Run(dir.FullName);

        Assert.Equal(1, exitCode);
        Assert.Contains("Property \"label\" is supported in version 1.3", output);
        Assert.Contains("card.body[0].wrapp", output);
        Assert.Contains("Unknown action type \"Action.Execute\"", output);
    }
}

internal static class NodeValidator
{
    public const string Renderer = "validate-cards.mjs";
    /// <summary>Microsoft's official Adaptive Card JSON schemas (tests/node/adaptive-card-schemas), checked with ajv.</summary>
    public const string Schema = "validate-card-schema.mjs";

    public static (int ExitCode, string Output) Run(string cardDirectory, string scriptName = Renderer)
    {
        var nodeDir = Path.Combine(RepoRoot(), "tests", "node");
        var script = Path.Combine(nodeDir, scriptName);
        Assert.True(File.Exists(script), $"{script} is missing.");
        Assert.True(Directory.Exists(Path.Combine(nodeDir, "node_modules", "adaptivecards")),
            $"{nodeDir}/node_modules/adaptivecards is missing: ./test.sh installs it, or run `npm install --no-audit --no-fund` in tests/node.");
        Assert.True(Directory.Exists(Path.Combine(nodeDir, "node_modules", "ajv")), $"{nodeDir}/node_modules/ajv is missing: ./test.sh installs it (npm ci in tests/node).");

        var start = new ProcessStartInfo("node") { WorkingDirectory = nodeDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(cardDirectory);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"node is not on PATH ({e.Message}); the card tests need Node.js 20+ (./test.sh checks for it).");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{scriptName} did not finish within 120 s.");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "BranchBot.sln"))) return d.FullName;
        throw new InvalidOperationException($"BranchBot.sln not found above {AppContext.BaseDirectory}.");
    }
}
