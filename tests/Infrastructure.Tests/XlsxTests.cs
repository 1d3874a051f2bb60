using BranchBot.Infrastructure.Spreadsheets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BranchBot.Infrastructure.Tests;

public class XlsxTests
{
    [Fact]
    public void Write_ThenRead_GivesBackEverySheetsTextAndExactNumbers()
    {
        var bytes = Xlsx.ToBytes([
            new XlsxSheet("支部", [["小组", "思想汇报", "党费（元）"], ["第一党小组", 12, 1234.50m], ["第二党小组", 0, 0.01m]]),
            new XlsxSheet("Group 1", [["姓名"], ["张三"]]),
        ]);

        var sheets = Xlsx.Read(new MemoryStream(bytes));

        Assert.Equal(["支部", "Group 1"], sheets.Select(s => s.Name));
        Assert.Equal(["第一党小组", "12", "1234.50"], sheets[0].Rows[1]);
        Assert.Equal(["第二党小组", "0", "0.01"], sheets[0].Rows[2]);
        Assert.Equal(["张三"], sheets[1].Rows[1]);
    }

    [Fact]
    public void Write_TextThatLooksLikeAFormula_StaysText()
    {
        var bytes = Xlsx.ToBytes([new XlsxSheet("s", [["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"]])]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<Cell>().ToList();

        Assert.All(cells, c => Assert.Null(c.CellFormula));
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        Assert.Equal("=HYPERLINK(\"http://x\")", Xlsx.Read(new MemoryStream(bytes))[0].Rows[0][0]);
    }

    [Fact]
    public void Write_SheetNamesExcelWouldRefuse_AreMadeValidAndUnique()
    {
        var bytes = Xlsx.ToBytes([
            new XlsxSheet("2026/11 [draft]?", [["a"]]),
            new XlsxSheet("一个非常非常非常非常非常非常非常非常非常非常非常非常非常长的小组名字", [["b"]]),
            new XlsxSheet("group", [["c"]]),
            new XlsxSheet("GROUP", [["d"]]),
            new XlsxSheet("", [["e"]]),
        ]);

        var names = Xlsx.Read(new MemoryStream(bytes)).Select(s => s.Name).ToList();

        Assert.Equal("2026_11 _draft__", names[0]);
        Assert.Equal(31, names[1].Length);
        Assert.Equal(["group", "GROUP (2)", "Sheet"], names[2..]);
    }

    [Fact]
    public void Write_ControlCharactersInText_AreDroppedSoTheFileStillOpens()
    {
        var bytes = Xlsx.ToBytes([new XlsxSheet("s", [["a\u0001b\u0007c\nd"]])]);

        Assert.Equal("abc\nd", Xlsx.Read(new MemoryStream(bytes))[0].Rows[0][0]);
    }

    [Fact]
    public void Read_AWorkbookAsExcelSavesIt_ReadsSharedStringsDatesGapsAndBooleans()
    {
        var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(new SharedStringItem(new Text("姓名")), new SharedStringItem(new Text("李四")));
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" }),
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14 }, new CellFormat { NumberFormatId = 164 }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") }) { RowIndex = 1 },
                new Row(
                    new Cell { CellReference = "A3", DataType = CellValues.SharedString, CellValue = new CellValue("1") },
                    new Cell { CellReference = "C3", StyleIndex = 1, CellValue = new CellValue("46357") },
                    new Cell { CellReference = "D3", StyleIndex = 2, CellValue = new CellValue("46358") },
                    new Cell { CellReference = "E3", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
                    new Cell { CellReference = "F3", CellValue = new CellValue("1.5E2") }) { RowIndex = 3 }));
            workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "名单" });
        }

        var rows = Xlsx.Read(new MemoryStream(memory.ToArray())).Single().Rows;

        Assert.Equal(["姓名"], rows[0]);
        Assert.Empty(rows[1]);
        Assert.Equal(["李四", "", "2026-12-01", "2026-12-02", "TRUE", "150"], rows[2]);
    }

    [Fact]
    public void Read_SomethingThatIsNotAWorkbook_SaysSo()
    {
        Assert.Throws<InvalidDataException>(() => Xlsx.Read(new MemoryStream("姓名,小组\n张三,一组"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => Xlsx.Read(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])));
    }

    [Fact]
    public void Read_MoreRowsThanAllowed_IsRefusedInsteadOfReadToTheEnd()
    {
        var rows = Enumerable.Range(0, 11).Select(i => (IReadOnlyList<XlsxCell>)[i]).ToList();
        var bytes = Xlsx.ToBytes([new XlsxSheet("s", rows)]);

        Assert.Equal(11, Xlsx.Read(new MemoryStream(bytes), maxRows: 11)[0].Rows.Count);
        var refusal = Assert.Throws<InvalidDataException>(() => Xlsx.Read(new MemoryStream(bytes), maxRows: 10));
        Assert.Contains("10", refusal.Message);
    }
}
