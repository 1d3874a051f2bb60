using System.Diagnostics;
using System.Text;

namespace BranchBot.LoadBench;

/// <summary>One roster activist as Teams presents them: a distinct AAD object id, Teams id and personal chat.</summary>
internal sealed record BenchUser(int Index, string StudentNumber, string Name, string Email, string AadObjectId, string TeamsId, string ConversationId);

/// <summary>
/// A generated branch: <c>mentors</c> full members and <c>activists</c> activists with one mentor each, imported
/// through the bot's own <c>roster import</c> command into a fresh data directory.
/// </summary>
internal static class Roster
{
    public const int Mentors = 50;
    private const string TeamsIdPrefix = "29:bench-user-";

    public static BenchUser User(int index) => new(
        index,
        $"A{index:D5}",
        $"积极分子{index:D5}",
        $"a{index:D5}@bench.example.edu",
        $"00000000-0000-4000-8000-{index:D12}",
        $"{TeamsIdPrefix}{index}",
        $"a:bench-conversation-{index}");

    public static int? IndexOf(string teamsId) =>
        teamsId.StartsWith(TeamsIdPrefix, StringComparison.Ordinal) && int.TryParse(teamsId.AsSpan(TeamsIdPrefix.Length), out var i) ? i : null;

    public static string Csv(int activists, DateOnly stageSince)
    {
        var csv = new StringBuilder("学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人\n");
        for (var m = 0; m < Mentors; m++)
            csv.Append($"F{m:D4},正式党员{m:D4},f{m:D4}@bench.example.edu,第{m % 20 + 1}小组,正式党员,2020-09-01,\n");
        for (var i = 0; i < activists; i++)
        {
            var user = User(i);
            csv.Append($"{user.StudentNumber},{user.Name},{user.Email},第{i % 20 + 1}小组,积极分子,{stageSince:yyyy-MM-dd},F{i % Mentors:D4}\n");
        }
        return csv.ToString();
    }

    /// <summary>Imports the roster with <c>dotnet BranchBot.Bot.dll roster import</c> into <paramref name="dataDirectory"/>.</summary>
    public static async Task SeedAsync(string botDll, string dataDirectory, int activists, DateOnly stageSince)
    {
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, "roster.csv");
        await File.WriteAllTextAsync(file, Csv(activists, stageSince), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var start = new ProcessStartInfo("dotnet", [botDll, "roster", "import", file])
        {
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BRANCHBOT_DATA"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the roster import.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"roster import failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
