using System.Diagnostics;

namespace BranchBot.Bot.Tests.Manifest;

public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>The repository's files and the external commands the manifest tests drive.</summary>
public static class Tools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    // Settings the package script reads: cleared for every run so the machine's environment cannot leak in.
    private static readonly string[] PackageSettings =
    [
        "MicrosoftAppId", "TEAMS_APP_ID", "TEAMS_APP_VERSION", "BRANCHBOT_SITE_URL",
        "BRANCHBOT_WEBSITE_URL", "BRANCHBOT_PRIVACY_URL", "BRANCHBOT_TERMS_URL",
    ];

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static ToolResult Package(string outputDir, IReadOnlyDictionary<string, string> settings)
    {
        var environment = PackageSettings.ToDictionary(name => name, name => (string?)null);
        foreach (var (name, value) in settings) environment[name] = value;
        return Run("bash", [InRepo("manifest", "package.sh"), outputDir], environment);
    }

    public static ToolResult Node(params string[] arguments) => Run("node", arguments, new Dictionary<string, string?>());

    public static ToolResult ValidateManifest(string manifestPath)
    {
        var modules = InRepo("tests", "node", "node_modules");
        foreach (var package in new[] { "@microsoft/app-manifest", "fs-extra" })
        {
            if (!Directory.Exists(Path.Combine(modules, package)))
                Assert.Fail($"{Path.Combine(modules, package)} is missing: run 'npm ci' in tests/node (./test.sh does).");
        }
        return Node(InRepo("tests", "node", "validate-manifest.mjs"), manifestPath);
    }

    public static string CreateTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "branchbot-manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static ToolResult Run(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{command}' could not be started ({e.Message}): install it (Node.js 20+ for node; ./test.sh expects it on PATH).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{command} {string.Join(' ', arguments)} did not finish within {Timeout}.");
            }
            return new ToolResult(process.ExitCode, output.Result, error.Result);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BranchBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no BranchBot.sln above {AppContext.BaseDirectory}");
    }
}
