using System.Diagnostics;

namespace BranchBot.Bot.Tests.Reminders;

/// <summary>The bot itself in a child process, as an operator runs it: <c>dotnet BranchBot.Bot.dll jobs run ...</c>.</summary>
internal static class BotProcess
{
    public static Process JobsRun(IReadOnlyDictionary<string, string?> database, string jobId, string asOf, IDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BotDll());
        foreach (var arg in new[] { "jobs", "run", jobId, "--as-of", asOf }) info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in database) info.Environment[Variable(key)] = value;
        info.Environment["Branch__TimeZone"] = "Asia/Shanghai";
        info.Environment["Branch__TrackingStartsOn"] = "2026-11-01";
        info.Environment["Reminders__Enabled"] = "false";
        foreach (var (key, value) in settings) info.Environment[Variable(key)] = value;
        return Process.Start(info)!;
    }

    private static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static string BotDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BranchBot.sln"))) dir = dir.Parent;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(dir!.FullName, "Bot", "bin", configuration, "net10.0", "BranchBot.Bot.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built (tests/Bot.Tests references Bot, so building the tests builds it).");
        return dll;
    }
}
