using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BranchBot.Bot.Tests.Hosting;

/// <summary>The built bot (Bot/bin/&lt;Configuration&gt;/net10.0/BranchBot.Bot.dll) started as a person starts it, from another folder.</summary>
public sealed class StartingTheBotTests : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("branchbot-start-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_workingDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Main_UrlsArgumentFromAnotherFolder_ListensThereAndReadsTheAppsOwnAppSettings()
    {
        var port = FreePort();

        var log = await RunUntilHealthyAsync(port, ["--urls", $"http://127.0.0.1:{port}"]);

        Assert.Contains($"Now listening on: http://127.0.0.1:{port}", log, StringComparison.Ordinal);
        Assert.Contains($"Content root path: {AppDirectory()}", log, StringComparison.Ordinal);
        // appsettings.json lowers "Microsoft" to Warning; without it every request is logged by Microsoft.AspNetCore.
        Assert.DoesNotContain("Microsoft.AspNetCore", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_AspNetCoreUrlsVariable_ListensThere()
    {
        var port = FreePort();

        var log = await RunUntilHealthyAsync(port, [], new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Contains($"Now listening on: http://127.0.0.1:{port}", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rostr", "import", "x.csv")]
    [InlineData("roster", "imprt", "x.csv")]
    [InlineData("serve")]
    [InlineData("-x")]
    public async Task Main_UnknownCommandOrTypo_PrintsTheUsageExitsTwoAndNeverListens(params string[] args)
    {
        var (code, stdout, stderr) = await RunToEndAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("roster import <file.csv>", stderr, StringComparison.Ordinal);
        Assert.Contains("jobs run <job-id>", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Main_HelpAskedFor_PrintsTheUsageToStdoutAndExitsZero(string help)
    {
        var (code, stdout, _) = await RunToEndAsync([help]);

        Assert.Equal(0, code);
        Assert.StartsWith("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains("stats <year>", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_JsonConsoleFormatterConfigured_LogsOneJsonObjectPerLineWithItsTemplate()
    {
        var port = FreePort();

        var log = await RunUntilHealthyAsync(port, ["--urls", $"http://127.0.0.1:{port}"], new() { ["Logging__Console__FormatterName"] = "json" });

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        var listening = Assert.Single(entries, e => e.GetProperty("Message").GetString() == $"Now listening on: http://127.0.0.1:{port}");
        Assert.Equal("Microsoft.Hosting.Lifetime", listening.GetProperty("Category").GetString());
        Assert.Equal("Now listening on: {address}", listening.GetProperty("State").GetProperty("{OriginalFormat}").GetString());
        var migrated = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "BranchBot.Database");
        Assert.Equal("Sqlite", migrated.GetProperty("State").GetProperty("Provider").GetString());
    }

    [Fact]
    public async Task Main_LogLevelConfigured_IsHonoured()
    {
        var port = FreePort();

        var log = await RunUntilHealthyAsync(port, ["--urls", $"http://127.0.0.1:{port}"],
            new() { ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning", ["Logging__LogLevel__BranchBot"] = "Warning" });

        Assert.DoesNotContain("Now listening", log, StringComparison.Ordinal);
        Assert.DoesNotContain("migration(s) applied", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_Command_PrintsOnlyItsOwnOutputWithoutInfoLogs()
    {
        var (code, stdout, stderr) = await RunToEndAsync(["db", "migrate"]);

        Assert.Equal(0, code);
        Assert.Matches(@"^Sqlite: \d+ migration\(s\) applied\.\r?\n$", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Main_CommandWithConsoleLevelConfigured_LogsAtThatLevelToStandardError()
    {
        var (code, stdout, stderr) = await RunToEndAsync(["db", "migrate"], new() { ["Logging__Console__LogLevel__Default"] = "Information" });

        Assert.Equal(0, code);
        Assert.DoesNotContain("info:", stdout, StringComparison.Ordinal);
        Assert.Contains("info: BranchBot.Database", stderr, StringComparison.Ordinal);
    }

    private async Task<string> RunUntilHealthyAsync(int port, string[] args, Dictionary<string, string>? environment = null)
    {
        var output = new StringBuilder();
        using var process = new Process { StartInfo = StartInfo(args, environment) };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                // The message is built only on failure, and under the lock: the output handlers append on other threads.
                if (process.HasExited) Assert.Fail($"The bot exited before it was healthy:\n{Output()}");
                if (deadline.Elapsed >= Startup) Assert.Fail($"The bot was not healthy on port {port} within {Startup.TotalSeconds} s:\n{Output()}");
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                    if (response.IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                await Task.Delay(200);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return Output();

        string Output()
        {
            lock (output) return output.ToString();
        }
    }

    private async Task<(int Code, string StdOut, string StdErr)> RunToEndAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        using var process = new Process { StartInfo = StartInfo(args, environment) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Startup);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`BranchBot.Bot.dll {string.Join(' ', args)}` did not exit: it started the server.\n{await stdout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private ProcessStartInfo StartInfo(string[] args, Dictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppDirectory(), "BranchBot.Bot.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            info.Environment.Remove(name);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["BRANCHBOT_DATA"] = Path.Combine(_workingDirectory, "data");
        info.Environment["Reminders__Enabled"] = "false";
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        return info;
    }

    /// <summary>Bot/bin/&lt;Configuration&gt;/net10.0/, with a trailing separator as the host prints it.</summary>
    private static string AppDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BranchBot.sln"))) dir = dir.Parent;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // tests/Bot.Tests/bin/<Configuration>/net10.0/
        var app = Path.Combine(dir!.FullName, "Bot", "bin", configuration, "net10.0") + Path.DirectorySeparatorChar;
        Assert.True(File.Exists(Path.Combine(app, "BranchBot.Bot.dll")), $"{app} has no BranchBot.Bot.dll (building tests/Bot.Tests builds it).");
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
