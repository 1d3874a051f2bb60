using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BranchBot.Infrastructure.Spreadsheets;

/// <summary>One cell to write: text (never a formula, whatever it starts with) or an exact number.</summary>
public readonly record struct XlsxCell
{
    private XlsxCell(string? text, decimal? number) { Text = text; Number = number; }

    public string? Text { get; }
    public decimal? Number { get; }

    public static XlsxCell Of(string? text) => new(text ?? "", null);
    public static XlsxCell Of(decimal number) => new(null, number);

    public static implicit operator XlsxCell(string? text) => Of(text);
    public static implicit operator XlsxCell(int number) => Of(number);
    public static implicit operator XlsxCell(decimal number) => Of(number);
}

/// <summary>A sheet to write: its name (made valid and unique on writing) and its rows; the first row is the header, in bold.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows);

/// <summary>A sheet as read back: its name and its rows as text (numbers invariant, dates yyyy-MM-dd), trailing empty cells dropped.</summary>
public sealed record XlsxSheetText(string Name, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The branch's one way to write and read .xlsx workbooks (the Open XML SDK). Text is stored as inline
/// strings, so a cell that starts with "=" is text, never a formula.</summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint BoldStyle = 1;

    public static void Write(Stream output, IEnumerable<XlsxSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook(new Sheets());
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    writer.WriteStartElement(new Row { RowIndex = (uint)(r + 1) });
                    var row = sheet.Rows[r];
                    for (var c = 0; c < row.Count; c++) writer.WriteElement(CellOf(row[c], ColumnName(c) + (r + 1), bold: r == 0));
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook.Sheets!.Append(new Sheet
            {
                Id = workbookPart.GetIdOfPart(part),
                SheetId = sheetId++,
                Name = UniqueName(sheet.Name, names),
            });
        }
        if (sheetId == 1) throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        workbookPart.Workbook.Save();
    }

    public static byte[] ToBytes(IEnumerable<XlsxSheet> sheets)
    {
        using var memory = new MemoryStream();
        Write(memory, sheets);
        return memory.ToArray();
    }

    /// <summary>Reads every sheet as text. Throws <see cref="InvalidDataException"/> when the stream is not a
    /// workbook or holds more than <paramref name="maxRows"/> rows in all.</summary>
    public static IReadOnlyList<XlsxSheetText> Read(Stream input, int maxRows = 100_000)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(input, isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException)
        {
            throw new InvalidDataException("Not an .xlsx workbook.", e);
        }
        using (document)
        {
            var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no sheets.");
            var shared = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var dateStyles = DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
            var result = new List<XlsxSheetText>();
            var rowsRead = 0;
            foreach (var sheet in workbookPart.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part) continue;
                var rows = new List<IReadOnlyList<string>>();
                foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
                {
                    if (++rowsRead > maxRows) throw new InvalidDataException($"The workbook has more than {maxRows} rows.");
                    var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
                    while (rows.Count < index - 1) rows.Add([]);
                    var cells = new List<string>();
                    foreach (var cell in row.Elements<Cell>())
                    {
                        var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                        while (cells.Count < column) cells.Add("");
                        cells.Add(TextOf(cell, shared, dateStyles));
                    }
                    while (cells.Count > 0 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
                    rows.Add(cells);
                }
                result.Add(new XlsxSheetText(sheet.Name?.Value ?? "", rows));
            }
            return result;
        }
    }

    private static Cell CellOf(XlsxCell value, string reference, bool bold)
    {
        var cell = new Cell { CellReference = reference };
        if (bold) cell.StyleIndex = BoldStyle;
        if (value.Number is { } number)
        {
            cell.DataType = CellValues.Number;
            cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(Clean(value.Text ?? "")) { Space = SpaceProcessingModeValues.Preserve });
        }
        return cell;
    }

    // XML 1.0 cannot hold most control characters; a cell keeps tab, newline and carriage return.
    private static string Clean(string text) =>
        text.Any(IsNotXml) ? new string(text.Where(c => !IsNotXml(c)).ToArray()) : text;

    private static bool IsNotXml(char c) => c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF';

    private static string TextOf(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type == CellValues.String || type == CellValues.Error) return raw;
        if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            var at = DateTime.FromOADate(serial);
            return at.TimeOfDay == TimeSpan.Zero ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
        return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : raw;
    }

    // The style indexes whose number format shows a date: the built-in date formats and custom ones with d, m or y.
    private static HashSet<uint> DateStyles(Stylesheet? stylesheet)
    {
        var result = new HashSet<uint>();
        if (stylesheet?.CellFormats is null) return result;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58
                || custom.TryGetValue(id, out var code) && IsDateCode(code))
                result.Add(index);
            index++;
        }
        return result;
    }

    private static bool IsDateCode(string code)
    {
        var inQuotes = false;
        foreach (var c in code)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && c is 'y' or 'Y' or 'd' or 'D' or 'm' or 'M') return true;
        }
        return false;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });

    // Excel's rules: 1–31 characters, none of : \ / ? * [ ], unique ignoring case.
    private static string UniqueName(string wanted, HashSet<string> taken)
    {
        var name = new string(wanted.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim().Trim('\'');
        if (name.Length == 0) name = "Sheet";
        if (name.Length > 31) name = name[..31];
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
        }
        return candidate;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') index = index * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') index = index * 26 + (c - 'a' + 1);
            else break;
        }
        return Math.Max(index - 1, 0);
    }
}
