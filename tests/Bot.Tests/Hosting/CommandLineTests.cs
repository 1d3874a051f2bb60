using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5000")]
    [InlineData("--urls=http://127.0.0.1:5000", "--environment", "Development")]
    [InlineData("--contentRoot=/srv/bot", "--environment=Testing", "--applicationName=BranchBot.Bot")] // how WebApplicationFactory starts it
    [InlineData("Branch:Name=第一支部", "--Database:Provider", "Sqlite")]
    public void IsHostOnly_HostOptionsAndConfiguration_RunTheWebHost(params string[] args) =>
        Assert.True(Cli.Cli.IsHostOnly(args));

    [Theory]
    [InlineData("serve")]
    [InlineData("rostr", "import", "x.csv")]
    [InlineData("--urls", "http://127.0.0.1:5000", "demo")]
    [InlineData("--help")]
    [InlineData("--urls", "http://127.0.0.1:5000", "-h")]
    [InlineData("-x")]
    [InlineData("=x")]
    public void IsHostOnly_AnythingElse_IsNotTheWebHost(params string[] args) =>
        Assert.False(Cli.Cli.IsHostOnly(args));

    [Theory]
    [InlineData("rostr", "import", "x.csv")]
    [InlineData("Roster", "import", "x.csv")]
    [InlineData("serve")]
    [InlineData("--urls", "http://127.0.0.1:5000", "demo")]
    public async Task TryRunAsync_UnknownCommand_NamesItPrintsEveryCommandAndExitsTwo(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"'{args[0]}' is not a command.", error, StringComparison.Ordinal);
        foreach (var command in new[] { "roster import", "roster export", "demo", "db migrate", "db script", "stats", "jobs list", "jobs run" })
            Assert.Contains("  " + command, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("help")]
    [InlineData("roster", "--help")]
    public async Task TryRunAsync_HelpAskedFor_PrintsTheUsageToStdoutAndExitsZero(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(0, code);
        Assert.StartsWith("Usage:", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("roster", "imprt", "x.csv")]
    [InlineData("db", "migrat")]
    [InlineData("stats", "twenty")]
    public async Task TryRunAsync_SubcommandTypo_PrintsTheUsageAndExitsTwo(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("roster import <file.csv>", error, StringComparison.Ordinal);
    }

    private static async Task<(int? Code, string Output, string Error)> RunAsync(string[] args)
    {
        // None of these reach the database: an empty container proves it.
        await using var services = new ServiceCollection().BuildServiceProvider();
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Cli.Cli.TryRunAsync(args, services, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
