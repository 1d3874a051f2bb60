using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BranchBot.LoadBench;

/// <summary>The bot host as a child process (Release build, auth off), so its CPU time is its own.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private StreamWriter? _log;

    private BotProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited (code {_process.ExitCode}) during the run:\n{Output}");
            }

            return _process.TotalProcessorTime;
        }
    }

    public static async Task<BotProcess> StartAsync(string botDll, bool stockConnectorFactory, IReadOnlyDictionary<string, string> environment, string? logFile = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [botDll])
        {
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        // The benchmark switches are refused in Production; "Benchmark" is not Development either (no
        // appsettings.Development.json, no developer pages), so the host runs as in production otherwise.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        start.Environment["MicrosoftAppId"] = "";
        start.Environment["Benchmark__UseStockConnectorFactory"] = stockConnectorFactory ? "true" : "false";
        start.Environment["Benchmark__Echo"] = "true";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var bot = new BotProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot."), baseUrl);
        if (logFile is not null) bot._log = new StreamWriter(logFile, append: false) { AutoFlush = false };
        bot._process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        bot._process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        bot._process.BeginOutputReadLine();
        bot._process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (bot._process.HasExited)
            {
                break;
            }

            try
            {
                if ((await probe.GetAsync($"{baseUrl}/healthz")).IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        var output = bot.Output;
        bot.Dispose();
        throw new InvalidOperationException($"The bot did not become healthy:\n{output}");
    }

    public string Output
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _log?.WriteLine(line);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 50)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        lock (_lastLines)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}
