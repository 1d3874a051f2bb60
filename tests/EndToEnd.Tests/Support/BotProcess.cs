using System.Diagnostics;
using System.Text;
using BranchBot.Bot.Reminders;

namespace BranchBot.EndToEnd.Tests.Support;

/// How to start the bot: extra environment, extra command-line arguments, and a setup hook that runs
/// before the web host starts (e.g. <c>bot.RunCommandAsync("roster", "import", file)</c>).
/// Every bot (and every command run with it) starts its clock at <see cref="BotProcess.ClockStartsAt"/>, so no
/// end-to-end test depends on the day it runs.
public sealed class BotOptions
{
    public Dictionary<string, string> Environment { get; } = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Clock__StartsAt"] = BotProcess.ClockStartsAt.ToString("O"),
    };

    public List<string> Args { get; } = new();

    public Func<BotProcess, Task>? BeforeStart { get; set; }
}

public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;
}

/// The built bot (Bot/bin/&lt;Configuration&gt;/net10.0/BranchBot.Bot.dll) run as a black box on a free port,
/// with its own data directory (BRANCHBOT_DATA) and its output in the artifacts directory.
public sealed class BotProcess : IAsyncDisposable
{
    /// The bot's chosen clock (Clock:StartsAt): Thursday 26 November 2026, 10:00 in Shanghai, a weekday in the last
    /// week of a month, so that month's report is due soon and the previous month's is overdue.
    public static readonly DateTimeOffset ClockStartsAt = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

    private const string RestartMarker = "---- restarted with Clock:StartsAt";

    private readonly BotOptions _options;
    private readonly object _logGate = new();
    private StreamWriter? _log;
    private Process? _process;

    private BotProcess(string artifactsDir, BotOptions options)
    {
        _options = options;
        ArtifactsDir = artifactsDir;
        Port = RepoPaths.FreePort();
        DataDir = Directory.CreateTempSubdirectory("branchbot-e2e-").FullName;
        LogPath = Path.Combine(artifactsDir, "bot.log");
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public Uri MessagesEndpoint => new(BaseUrl, "/api/messages");

    public string DataDir { get; }

    public string ArtifactsDir { get; }

    public string LogPath { get; }

    public bool HasExited => _process?.HasExited ?? true;

    public static async Task<BotProcess> StartAsync(string artifactsDir, BotOptions? options = null)
    {
        if (!File.Exists(RepoPaths.BotDll))
        {
            throw new InvalidOperationException(
                $"The bot is not built at {RepoPaths.BotDll}. Run `dotnet build tests/EndToEnd.Tests -c {RepoPaths.Configuration}` first.");
        }
        Directory.CreateDirectory(artifactsDir);
        var bot = new BotProcess(artifactsDir, options ?? new BotOptions());
        try
        {
            if (bot._options.BeforeStart is { } hook)
            {
                await hook(bot);
            }
            await bot.StartHostAsync();
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// Runs the same dll as a one-shot command (same environment and data directory), e.g. `roster import x.csv`.
    public async Task<CliResult> RunCommandAsync(params string[] args) => await RunCommandAsync(args, TimeSpan.FromSeconds(90));

    public async Task<CliResult> RunCommandAsync(IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = StartInfo(args) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`BranchBot.Bot.dll {string.Join(' ', args)}` did not finish within {timeout.TotalSeconds:0} s.");
        }
        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        await File.AppendAllTextAsync(Path.Combine(ArtifactsDir, "cli.log"),
            $"$ BranchBot.Bot.dll {string.Join(' ', args)}\n{result.Output}\n(exit {result.ExitCode})\n\n");
        return result;
    }

    public string ReadLog()
    {
        lock (_logGate)
        {
            _log?.Flush();
        }
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public string LogTail(int lines = 40)
    {
        var all = File.Exists(LogPath) ? ReadLog().Split('\n') : [];
        return string.Join('\n', all.TakeLast(lines));
    }

    /// The last logged failure (from its `fail:` line, a dozen lines), or the tail of the log when there is none.
    public string LastFailure()
    {
        var lines = File.Exists(LogPath) ? ReadLog().Split('\n') : [];
        var start = Array.FindLastIndex(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("Unhandled exception", StringComparison.Ordinal));
        return start < 0 ? string.Join('\n', lines.TakeLast(20)) : string.Join('\n', lines.Skip(start).Take(12));
    }

    /// Stops the bot and starts it again on the same port and data directory with its clock at
    /// <paramref name="clockStartsAt"/>: the branch's day moves on (a meeting is over) without waiting for it. The
    /// playgrounds keep talking to the same port; the log goes on in the same file.
    public async Task RestartAsync(DateTimeOffset clockStartsAt)
    {
        await StopProcessAsync();
        lock (_logGate)
        {
            _log?.WriteLine($"{RestartMarker} {clockStartsAt:O} ----");
            _log?.Dispose();
            _log = null;
        }
        _options.Environment["Clock__StartsAt"] = clockStartsAt.ToString("O");
        await StartHostAsync(append: true);
        await WaitForCatchUpAsync();
    }

    /// A restarted bot first makes up for the time it was down: each reminder job runs once and may post into the very
    /// chats a test is using. The Playground re-renders its chat when such a message arrives, which drops what was just
    /// typed into a card and the click on it; so a restart returns only once every job's catch-up run has logged its
    /// result (its sends are then done), as a user opens Teams after the night's reminders, not in the middle of them.
    private async Task WaitForCatchUpAsync()
    {
        if (_options.Environment.GetValueOrDefault("Reminders__Enabled") == "false" || _options.Environment.GetValueOrDefault("Reminders__CatchUpOnStart") == "false")
        {
            return;
        }
        await Waits.UntilAsync(() =>
        {
            var log = ReadLog();
            var since = log[log.LastIndexOf(RestartMarker, StringComparison.Ordinal)..];
            return Task.FromResult(ReminderRegistration.JobIds.All(id => since.Contains($"Reminder job {id} as of", StringComparison.Ordinal)));
        }, Waits.Startup, "the restarted bot's catch-up run of every reminder job", () => LogTail());
    }

    private async Task StartHostAsync(bool append = false)
    {
        _log = new StreamWriter(new FileStream(LogPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8) { AutoFlush = true };
        _process = new Process { StartInfo = StartInfo(["--urls", BaseUrl.ToString().TrimEnd('/'), .. _options.Args]), EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Waits.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with code {_process.ExitCode} before it was healthy.\n{LogTail()}");
            }
            using var response = await http.GetAsync(new Uri(BaseUrl, "/healthz"));
            return response.IsSuccessStatusCode;
        }, Waits.Startup, $"the bot's /healthz on port {Port}", () => LogTail());
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.BotDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.BotDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["BRANCHBOT_DATA"] = DataDir;
        foreach (var (key, value) in _options.Environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logGate)
        {
            _log?.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        lock (_logGate)
        {
            _log?.Dispose();
            _log = null;
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp dir is harmless
        }
    }

    private async Task StopProcessAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
            _process = null;
        }
    }
}
