using System.Net;
using System.Net.Sockets;

namespace BranchBot.EndToEnd.Tests.Support;

/// Where things are, derived from the test assembly's own location: tests/EndToEnd.Tests/bin/<Configuration>/net10.0/.
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// The configuration this test assembly was built in; the bot is run from the same one.
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string BotDirectory => Path.Combine(Root, "Bot", "bin", Configuration, "net10.0");

    public static string BotDll => Path.Combine(BotDirectory, "BranchBot.Bot.dll");

    public static string NodeTools => Path.Combine(Root, "tests", "node");

    public static string PlaygroundCli => Path.Combine(NodeTools, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public static string Artifacts(params string[] parts) => Path.Combine([Root, "artifacts", "e2e", .. parts]);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BranchBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"BranchBot.sln not found above {AppContext.BaseDirectory}");
    }
}
