using System.Text;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Features.Calendar;

public class CalendarCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    public CalendarCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private const string File2026 = """
        kind,start,end,student_number,note
        semester,2026-09-01,2027-01-17,,
        national-day,2026-10-01,2026-10-07,,
        exam,2027-01-11,2027-01-17,,
        寒假,2027-01-18,2027-02-28,,
        exchange,2027-02-20,2027-07-10,2025001,"交换, 东京"
        """;

    [Fact]
    public async Task CalendarImportThenExport_WritesTheSameCalendarAndImportingItAgainChangesNothing()
    {
        await using var services = await ServicesWithRosterAsync();
        var file = await WriteAsync("calendar.csv", File2026);

        var (code, output, _) = await RunAsync(services, "calendar", "import", file);
        var exported = Path.Combine(_folder, "export.csv");
        await RunAsync(services, "calendar", "export", exported);
        var again = await RunAsync(services, "calendar", "import", exported);

        Assert.Equal(0, code);
        Assert.Contains("4", output);
        Assert.Equal(0, again.Code);
        var text = (await File.ReadAllTextAsync(exported)).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal("""
            kind,start,end,student_number,note
            semester,2026-09-01,2027-01-17,,
            national-day,2026-10-01,2026-10-07,,
            exam,2027-01-11,2027-01-17,,
            winter,2027-01-18,2027-02-28,,
            exchange,2027-02-20,2027-07-10,2025001,"交换, 东京"

            """.Replace("\r\n", "\n", StringComparison.Ordinal), text);
        await using var db = services.GetRequiredService<BranchDbContext>();
        Assert.Equal(4, await db.CalendarSpans.CountAsync());
        var leave = await db.Leaves.SingleAsync();
        Assert.Equal((LeaveKind.Exchange, "交换, 东京"), (leave.Kind, leave.Reason));
    }

    [Fact]
    public async Task CalendarExport_NoteThatLooksLikeAFormula_IsWrittenAsTextAndReadBackUnchanged()
    {
        await using var services = await ServicesWithRosterAsync();
        var file = await WriteAsync("calendar.csv", """
            kind,start,end,student_number,note
            sick,2027-03-01,2027-03-20,2025001,"=HYPERLINK(""http://x.example"",""病假"")"
            """);
        Assert.Equal(0, (await RunAsync(services, "calendar", "import", file)).Code);

        var exported = Path.Combine(_folder, "export.csv");
        await RunAsync(services, "calendar", "export", exported);
        var again = await RunAsync(services, "calendar", "import", exported);

        Assert.Equal(0, again.Code);
        Assert.Contains(",2025001,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"病假\"\")\"", await File.ReadAllTextAsync(exported));
        await using var db = services.GetRequiredService<BranchDbContext>();
        Assert.Equal("=HYPERLINK(\"http://x.example\",\"病假\")", (await db.Leaves.SingleAsync()).Reason);
    }

    [Fact]
    public async Task CalendarImport_WithMistakes_StoresNothingAndSaysWhyForEachLine()
    {
        await using var services = await ServicesWithRosterAsync();
        var file = await WriteAsync("bad.csv", """
            kind,start,end,student_number,note
            winter,2027-01-18,2027-02-28,,
            holiday,2027-05-01,2027-05-05,,
            exam,2027-01-17,2027-01-11,,
            sick,2027-03-01,2027-03-10,9999999,
            sick,2027-03-01,2027-03-10,,
            """);

        var (code, _, error) = await RunAsync(services, "calendar", "import", file);

        Assert.Equal(1, code);
        Assert.Contains("line 3: 'holiday' is not a kind", error);
        Assert.Contains("line 4: it ends", error);
        Assert.Contains("line 5: nobody on the roster has student number 9999999", error);
        Assert.Contains("line 6: a leave needs the student number", error);
        await using var db = services.GetRequiredService<BranchDbContext>();
        Assert.Equal(0, await db.CalendarSpans.CountAsync());
    }

    [Fact]
    public async Task CalendarImport_TwoSpansOfOneKindOverlapping_StoresNothingAndSaysWhich()
    {
        await using var services = await ServicesWithRosterAsync();
        var file = await WriteAsync("overlap.csv", """
            kind,start,end,student_number,note
            winter,2027-01-18,2027-02-28,,
            exam,2027-01-11,2027-01-17,,
            winter,2027-02-20,2027-03-05,,
            """);

        var (code, _, error) = await RunAsync(services, "calendar", "import", file);

        Assert.Equal(1, code);
        Assert.Contains("the winter spans from 2027-01-18 and 2027-02-20 overlap", error);
        await using var db = services.GetRequiredService<BranchDbContext>();
        Assert.Equal(0, await db.CalendarSpans.CountAsync());
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
