using System.Text;

namespace BranchBot.Bot.Features.Roster;

// CSV as Excel writes it: RFC 4180 quoting, CRLF or LF, UTF-8 (with or without BOM) or GB18030.
internal static class Csv
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // BOM → UTF-8; else valid UTF-8 → UTF-8; else GB18030 (Excel's "CSV" on a Chinese Windows).
    public static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Utf8Bom)) return StrictUtf8.GetString(bytes, Utf8Bom.Length, bytes.Length - Utf8Bom.Length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(bytes);
        }
    }

    // An .xlsx workbook (a zip package): read by Xlsx instead.
    public static bool IsXlsx(byte[] bytes) => bytes.AsSpan().StartsWith("PK\u0003\u0004"u8);

    // The workbook itself (.xlsx is a zip, .xls an OLE file) instead of the CSV Excel saves from it.
    public static bool IsWorkbook(byte[] bytes) =>
        bytes.AsSpan().StartsWith("PK\u0003\u0004"u8) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    public static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    // Records numbered as a spreadsheet numbers rows (the header is row 1), whatever newlines fields hold.
    // Returns the row of an unterminated quote, if any, in place of records after it.
    public static (List<(int Row, List<string> Fields)> Records, int? UnterminatedAt) Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var i = 0;
        var quoted = false;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false;
                }
                else field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    i++;
                    continue;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((row++, fields));
                    fields = [];
                    atFieldStart = true;
                    i++;
                    continue;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
            i++;
        }
        if (quoted) return (records, row);
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((row, fields));
        }
        return (records, null);
    }

    /// <summary>
    /// A text field that a spreadsheet will not run: one starting with = + - or @ gets a leading apostrophe (OWASP's
    /// CSV injection advice), then <see cref="Escape"/>. <see cref="Unguard"/> takes the apostrophe off again on import.
    /// </summary>
    public static string Guarded(string value) => Escape(IsFormulaLike(value) ? "'" + value : value);

    /// <summary>The text a <see cref="Guarded"/> field held before its apostrophe.</summary>
    public static string Unguard(string value) => value.Length > 1 && value[0] == '\'' && IsFormulaLike(value[1..]) ? value[1..] : value;

    private static bool IsFormulaLike(string value) => value.Length > 0 && "=+-@".Contains(value[0]);

    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
}
