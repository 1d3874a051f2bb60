using BranchBot.Bot.Features.Roster;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features.Roster;

/// <summary>毕业日期, the roster's optional graduation date: the source of the committee's list of graduates (组织关系转接).</summary>
public sealed class RosterGraduationTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<RosterImportResult> ImportAsync(RosterFileBuilder file)
    {
        await using var db = _database.NewContext();
        return await new RosterImport(db).ImportAsync(file.Bytes(), RosterFileBuilder.Today, CancellationToken.None);
    }

    private async Task<DateOnly?> GraduatesOnAsync(string studentNumber)
    {
        await using var db = _database.NewContext();
        return await db.Members.Where(m => m.StudentNumber == studentNumber).Select(m => m.GraduatesOn).SingleAsync();
    }

    [Fact]
    public async Task ImportAsync_GraduationColumn_SetsChangesAndKeepsTheDateWhenTheColumnIsLeftOut()
    {
        var first = await ImportAsync(new RosterFileBuilder().AddColumn("毕业日期").Set("2022003", "毕业日期", "2027/6/30"));
        Assert.True(first.Accepted, RosterReport.Render(first, "en"));
        Assert.Equal(new DateOnly(2027, 6, 30), await GraduatesOnAsync("2022003"));
        Assert.Null(await GraduatesOnAsync("2019001"));

        var changed = await ImportAsync(new RosterFileBuilder().AddColumn("Graduation Date").Set("2022003", "Graduation Date", "2027-07-01"));
        Assert.True(changed.Accepted, RosterReport.Render(changed, "en"));
        Assert.Equal(new DateOnly(2027, 7, 1), await GraduatesOnAsync("2022003"));

        var without = await ImportAsync(new RosterFileBuilder());
        Assert.True(without.Accepted, RosterReport.Render(without, "en"));
        Assert.DoesNotContain(RosterColumn.GraduatesOn, without.ColumnsKept);
        Assert.Equal(new DateOnly(2027, 7, 1), await GraduatesOnAsync("2022003"));

        byte[] exported;
        await using (var db = _database.NewContext()) exported = await new RosterExport(db).ExportAsync(CancellationToken.None);
        Assert.Contains(",2027-07-01\r\n", System.Text.Encoding.UTF8.GetString(exported));
    }

    [Fact]
    public async Task ImportAsync_GraduationDateThatIsNoDate_IsRefusedAndStoresNothing()
    {
        var result = await ImportAsync(new RosterFileBuilder().AddColumn("毕业日期").Set("2022003", "毕业日期", "明年六月"));

        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Column == RosterColumn.GraduatesOn && p.Code == RosterProblemCode.InvalidDate);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Members.CountAsync());
    }
}
