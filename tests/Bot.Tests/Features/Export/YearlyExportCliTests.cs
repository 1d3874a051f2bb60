using System.Text;
using System.Text.RegularExpressions;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Features.Export;

public class YearlyExportCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    public YearlyExportCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ExportYearly_DemoBranch_WritesABranchSheetAndOnePerGroupWhoseFiguresAddUpToTheStatsCommand()
    {
        await using var services = Services();
        await RunAsync(services, "demo");
        var (_, stats, _) = await RunAsync(services, "stats", "2026");
        var thoughtReports = int.Parse(Regex.Match(stats, @"思想汇报 (\d+) 份").Groups[1].Value);
        var file = Path.Combine(_folder, "2026.xlsx");

        var (code, output, _) = await RunAsync(services, "export", "yearly", "2026", file);

        Assert.Equal(0, code);
        Assert.Contains("2026.xlsx", output);
        await using var stream = File.OpenRead(file);
        var sheets = Xlsx.Read(stream);
        Assert.Equal(6, sheets.Count); // the branch and the demo's five groups
        Assert.Equal("支部", sheets[0].Name);
        Assert.Equal(["类别", "项目", "数量"], sheets[0].Rows[0]);
        Assert.True(thoughtReports > 0);
        Assert.Equal(thoughtReports.ToString(), Figure(sheets[0], "思想汇报"));
        Assert.Equal(thoughtReports, sheets.Skip(1).Sum(s => int.Parse(Figure(s, "思想汇报"))));
        // Each group sheet: its figures, an empty row, then the people header and a row per person (60 in the demo).
        var people = sheets.Skip(1).Sum(s => s.Rows.SkipWhile(r => r.Count > 0).Skip(2).Count());
        Assert.Equal(60, people);
    }

    [Fact]
    public async Task ExportYearly_Csv_HoldsTheWorkbooksRowsWithTheSheetNameFirst_InEnglishWhenAsked()
    {
        await using var services = Services();
        await RunAsync(services, "demo");
        var xlsx = Path.Combine(_folder, "2026.xlsx");
        var csv = Path.Combine(_folder, "2026.csv");
        await RunAsync(services, "export", "yearly", "2026", xlsx, "--lang", "en");

        var (code, _, _) = await RunAsync(services, "export", "yearly", "2026", csv, "--lang", "en");

        Assert.Equal(0, code);
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.None)[..^1];
        await using var stream = File.OpenRead(xlsx);
        var sheets = Xlsx.Read(stream);
        Assert.Equal(sheets.Sum(s => s.Rows.Count), lines.Length);
        Assert.StartsWith("Branch,Section,Figure,Count", lines[0]);
        Assert.Contains(lines, l => l == $"Branch,Reports,Thought reports,{Figure(sheets[0], "Thought reports")}");
    }

    [Theory]
    [InlineData("export", "yearly", "twenty", "a.xlsx")]
    [InlineData("export", "yearly", "2026", "a.pdf")]
    public async Task ExportYearly_BadYearOrFileType_PrintsTheUsageAndExitsTwo(params string[] args)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();

        var (code, _, error) = await RunAsync(services, args);

        Assert.Equal(2, code);
        Assert.Contains("export yearly <year>", error, StringComparison.Ordinal);
    }

    private static string Figure(XlsxSheetText sheet, string figure) => sheet.Rows.First(r => r.Count == 3 && r[1] == figure)[2];

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = Path.Combine(_folder, "data") })
            .Build();
        return new ServiceCollection().AddSingleton<TimeProvider>(_time).AddInfrastructure(configuration).BuildServiceProvider();
    }

    private static async Task<(int? Code, string Output, string Error)> RunAsync(ServiceProvider services, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Cli.Cli.TryRunAsync(args, services, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
