using System.Text;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Features.Dues;

/// <summary><c>dues import</c>: monthly amounts from a CSV, set by a named committee member, exactly, all or nothing.</summary>
public sealed class DuesCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    public DuesCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task DuesImport_ByTheSecretary_SetsEachRateExactlyAndAgainChangesIt()
    {
        await using var services = await ServicesWithRosterAsync();
        var file = await WriteAsync("dues.csv", """
            学号,金额,起始月份
            2024001,0.50,2026-09
            T001,123.45,2026-01
            """);

        var (code, output, error) = await RunAsync(services, "dues", "import", file, "--by", "2022001");
        var again = await RunAsync(services, "dues", "import", await WriteAsync("again.csv", "student_number,amount,from_month\n2024001,0.6,2026-09\n"), "--by", "2022001");

        Assert.True(code == 0, error);
        Assert.Contains("Set 2", output);
        Assert.Equal(0, again.Code);
        await using var db = services.GetRequiredService<BranchDbContext>();
        var secretary = await db.Members.SingleAsync(m => m.StudentNumber == "2022001");
        var rates = await db.DuesRates.AsNoTracking().OrderBy(r => r.Amount).ToListAsync();
        Assert.Equal([0.6m, 123.45m], rates.Select(r => r.Amount));
        Assert.Equal([Period.Parse("2026-09"), Period.Parse("2026-01")], rates.Select(r => r.FromMonth));
        Assert.All(rates, r => Assert.Equal(secretary.Id, r.SetById));
    }

    [Fact]
    public async Task DuesImport_WithMistakes_StoresNothingAndSaysWhyForEachLine()
    {
        await using var services = await ServicesWithRosterAsync();
        var file = await WriteAsync("bad.csv", """
            student_number,amount,from_month
            2024001,0.50,2026-09
            9999999,0.50,2026-09
            2025001,0.50,2026-09
            T001,0.001,2026-09
            2023001,-1,2026-09
            2023002,1.00,2026-Q3
            """);

        var (code, _, error) = await RunAsync(services, "dues", "import", file, "--by", "2022001");
        var notCommittee = await RunAsync(services, "dues", "import", await WriteAsync("ok.csv", "2024001,0.50,2026-09\n"), "--by", "2023001");

        Assert.Equal(1, code);
        Assert.Contains("line 3: nobody on the roster has student number 9999999", error);
        Assert.Contains("line 4: 2025001 is not a probationary or full member", error);
        Assert.Contains("line 5: the amount '0.001' is refused (more than two decimals)", error);
        Assert.Contains("line 6: the amount '-1' is refused (negative)", error);
        Assert.Contains("line 7: the month must be like 2026-09", error);
        Assert.Equal(1, notCommittee.Code);
        Assert.Contains("set by a committee member", notCommittee.Error);
        await using var db = services.GetRequiredService<BranchDbContext>();
        Assert.Equal(0, await db.DuesRates.CountAsync());
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        return path;
    }

    private async Task<ServiceProvider> ServicesWithRosterAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = Path.Combine(_folder, "data"), ["Branch:TrackingStartsOn"] = "2026-10-01" })
            .Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time).AddInfrastructure(configuration).BuildServiceProvider();
        var (code, _, error) = await RunAsync(services, "roster", "import", await WriteAsync("roster.csv", ConversationTestBed.Roster));
        Assert.True(code == 0, error);
        return services;
    }

    private static async Task<(int? Code, string Output, string Error)> RunAsync(ServiceProvider services, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Cli.Cli.TryRunAsync(args, services, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
