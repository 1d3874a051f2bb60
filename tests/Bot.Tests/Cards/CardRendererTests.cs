using System.ComponentModel;
using System.Diagnostics;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Tests.Cards;

/// <summary>Every card in <see cref="CardCatalogForTests"/> must parse cleanly in Microsoft's renderer library.</summary>
public sealed class CardRendererTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("branchbot-cards-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void EveryCatalogCard_InEveryLanguageWithHostileText_ParsesWithoutErrors()
    {
        var count = 0;
        foreach (var entry in CardCatalogForTests.All)
            foreach (var language in Enum.GetValues<Language>())
                foreach (var (textName, text) in CardCatalogForTests.HostileTexts)
                {
                    File.WriteAllText(Path.Combine(dir.FullName, $"{entry.Name}.{language.Tag()}.{textName}.json"), entry.Build(language, text).ToJson());
                    count++;
                }

        var (exitCode, output) = NodeValidator.Run(dir.FullName);

        Assert.True(exitCode == 0, $"validate-cards.mjs exited {exitCode}:\n{output}");
        Assert.Contains($"{count}/{count} cards valid", output);
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
    public static (int ExitCode, string Output) Run(string cardDirectory)
    {
        var nodeDir = Path.Combine(RepoRoot(), "tests", "node");
        var script = Path.Combine(nodeDir, "validate-cards.mjs");
        Assert.True(File.Exists(script), $"{script} is missing.");
        Assert.True(Directory.Exists(Path.Combine(nodeDir, "node_modules", "adaptivecards")),
            $"{nodeDir}/node_modules/adaptivecards is missing: ./test.sh installs it, or run `npm install --no-audit --no-fund` in tests/node.");

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
                Assert.Fail("validate-cards.mjs did not finish within 120 s.");
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
