using System.Globalization;
using System.Text;
using BranchBot.Bot.Cards;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Roster;

// Renders an import result for people: Simplified Chinese unless English is asked for.
public static class RosterReport
{
    // configuredTrackingStartsOn: Branch:TrackingStartsOn, which wins over the stored date when set.
    // preview: the result of RosterImport.PreviewAsync, told as what an apply would do.
    public static string Render(RosterImportResult result, string language = "zh-CN", DateOnly? configuredTrackingStartsOn = null, bool preview = false)
    {
        var en = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var text = new StringBuilder();
        if (!result.Accepted)
        {
            text.AppendLine(en
                ? $"Roster rejected: {result.Problems.Count} problem(s). Nothing was changed."
                : $"名单未导入：发现 {result.Problems.Count} 个问题，数据库未作任何修改。");
            foreach (var p in result.Problems) text.AppendLine("  " + Problem(p, en));
            if (result.Warnings.Count > 0)
            {
                text.AppendLine(en
                    ? $"Also {result.Warnings.Count} gap(s) to fill, which alone would not stop the import:"
                    : $"另有 {result.Warnings.Count} 处待完善（不影响导入）：");
                foreach (var p in result.Warnings) text.AppendLine("  " + Problem(p, en));
            }
        }
        else
        {
            var (added, updated, unchanged) = (result.Count(RosterChangeKind.Added), result.Count(RosterChangeKind.Updated), result.Count(RosterChangeKind.Unchanged));
            text.AppendLine((en, preview) switch
            {
                (true, false) => $"Roster imported: {added} added, {updated} updated, {unchanged} unchanged.",
                (false, false) => $"名单已导入：新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人。",
                (true, true) => $"Preview, nothing changed yet: applying adds {added}, updates {updated}, leaves {unchanged} unchanged.",
                (false, true) => $"预览（尚未修改）：导入后将新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人。",
            });
            foreach (var c in result.Changes.Where(c => c.Kind != RosterChangeKind.Unchanged))
            {
                var fields = string.Join(en ? ", " : "、", c.Fields.Select(f => ColumnName(f, en)));
                text.AppendLine(c.Kind == RosterChangeKind.Added
                    ? (en ? $"  + {c.Name} ({c.StudentNumber})" : $"  + {c.Name}（{c.StudentNumber}）")
                    : (en ? $"  ~ {c.Name} ({c.StudentNumber}): {fields}" : $"  ~ {c.Name}（{c.StudentNumber}）：{fields}"));
                if (c.Stage is { } stage) text.AppendLine("    " + StageChange(stage, en));
            }
            var corrections = result.Changes.Count(c => c.Stage is { IsCorrection: true });
            if (corrections > 0)
                text.AppendLine(en
                    ? $"{corrections} correction(s) of the stage history: what was owed and the yearly figures follow the corrected dates."
                    : $"其中 {corrections} 人的阶段历史被更正：应完成的任务和年度统计按更正后的日期计算。");
            if (result.Warnings.Count > 0)
            {
                text.AppendLine(en
                    ? $"{result.Warnings.Count} gap(s) to fill (imported as they are; the committee sees them in the branch summary):"
                    : $"有 {result.Warnings.Count} 处待完善（已按现状导入，支部统计中会提示支委）：");
                foreach (var p in result.Warnings) text.AppendLine("  " + Problem(p, en));
            }
            if (result.ColumnsKept.Count > 0)
                text.AppendLine(en
                    ? $"The file has no {string.Join(", ", result.ColumnsKept.Select(c => ColumnName(c, en)))} column: people already on the roster keep what is stored."
                    : $"文件中没有“{string.Join("”“", result.ColumnsKept.Select(c => ColumnName(c, en)))}”列：已在名单中的人保留原有信息。");
            if (result.GroupsCreated.Count > 0)
                text.AppendLine((en, result.GroupsBefore.Count > 0) switch
                {
                    (true, false) => $"Groups created: {string.Join(", ", result.GroupsCreated)}",
                    (false, false) => $"新建小组：{string.Join("、", result.GroupsCreated)}",
                    (true, true) => $"Groups created: {string.Join(", ", result.GroupsCreated)} (the database already had {string.Join(", ", result.GroupsBefore)}; if a name is a typo, correct the file and import again)",
                    (false, true) => $"新建小组：{string.Join("、", result.GroupsCreated)}（数据库中原有 {string.Join("、", result.GroupsBefore)}；如为笔误，请改正文件后重新导入）",
                });
            if (result.NotInFile.Count > 0)
            {
                text.AppendLine(en
                    ? $"{result.NotInFile.Count} person(s) in the database are not in this file; they were kept:"
                    : $"数据库中有 {result.NotInFile.Count} 人不在本文件中，已保留未删除：");
                foreach (var p in result.NotInFile) text.AppendLine(en ? $"  {p.Name} ({p.StudentNumber})" : $"  {p.Name}（{p.StudentNumber}）");
            }
            var tracking = (configuredTrackingStartsOn, result.TrackingStartsOnSet, result.TrackingStartsOnStored) switch
            {
                ({ } d, _, _) => en
                    ? $"Tracking starts on {Iso(d)} (set by Branch:TrackingStartsOn): nothing before is owed."
                    : $"自 {Iso(d)} 起开始统计（配置项 Branch:TrackingStartsOn），此前的任务不计。",
                (null, { } d, _) => en
                    ? $"Tracking starts on {Iso(d)}, the day of this first import: nothing before is owed."
                    : $"自 {Iso(d)}（首次导入之日）起开始统计，此前的任务不计。",
                (null, null, { } d) => en
                    ? $"Tracking started on {Iso(d)}, the date stored in the database: nothing before is owed."
                    : $"自 {Iso(d)}（数据库中记录的日期）起开始统计，此前的任务不计。",
                _ => null,
            };
            if (tracking is not null) text.AppendLine(tracking);
        }
        if (result.TitleRows.Count > 0)
            text.AppendLine(en
                ? $"Title above the header skipped (row {string.Join(", ", result.TitleRows)})."
                : $"已跳过表头上方的标题（第 {string.Join("、", result.TitleRows)} 行）。");
        if (result.IgnoredColumns.Count > 0)
            text.AppendLine(en ? $"Columns ignored: {string.Join(", ", result.IgnoredColumns)}" : $"已忽略的列：{string.Join("、", result.IgnoredColumns)}");
        return text.ToString();
    }

    public static string Problem(RosterProblem p, bool en)
    {
        var where = (p.Row, p.Column) switch
        {
            (0, _) => "",
            (var row, null) => en ? $"Row {row}: " : $"第 {row} 行：",
            (var row, { } c) => en ? $"Row {row}, {ColumnName(c, en)}: " : $"第 {row} 行，{ColumnName(c, en)}：",
        };
        return where + Reason(p, en);
    }

    private static string Reason(RosterProblem p, bool en)
    {
        string A(int i) => i < p.Args.Length ? p.Args[i] : "";
        return p.Code switch
        {
            RosterProblemCode.EmptyFile => en ? "The file has no data rows." : "文件中没有数据行。",
            RosterProblemCode.NotCsv => en
                ? "This is an old Excel workbook (.xls): in Excel choose Save As, \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\", and import that file."
                : "这是旧版 Excel 工作簿（.xls）：请在 Excel 中“另存为”“Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”，再导入该文件。",
            RosterProblemCode.TooLarge => en
                ? $"The file is {A(1)} MB; a roster file may be at most {A(0)} MB."
                : $"文件大小为 {A(1)} MB，名单文件最大 {A(0)} MB。",
            RosterProblemCode.NotAWorkbook => en
                ? "The file looks like an .xlsx workbook but cannot be read as one (damaged, or another kind of file): save it again from Excel as .xlsx or CSV."
                : "该文件看似 .xlsx 工作簿，但无法读取（已损坏或并非工作簿）：请在 Excel 中重新另存为 .xlsx 或 CSV。",
            RosterProblemCode.NotARoster => en
                ? $"This is not a roster: no row names a roster column ({string.Join(", ", RosterVocabulary.Required)} are required)."
                : $"这不是名单文件：没有一行含有名单的列名（必填列为{string.Join("、", RosterVocabulary.Required.Select(RosterVocabulary.ChineseHeader))}）。",
            RosterProblemCode.RosterChangedSincePreview => en
                ? "The roster changed since this preview (another import or change): nothing was applied; preview the file again."
                : "预览之后名单已有变动（另有导入或修改），本次未作任何修改：请重新预览该文件。",
            RosterProblemCode.NotThePreviewedFile => en
                ? "This is not the file that was previewed (or the preview is from another day): nothing was applied; preview the file again."
                : "这不是预览过的文件（或预览并非今天所做），本次未作任何修改：请重新预览该文件。",
            RosterProblemCode.UnterminatedQuote => en ? "A quote opened here is never closed." : "此处的引号没有闭合。",
            RosterProblemCode.MissingColumn => en ? "This required column is missing." : "缺少这一必填列。",
            RosterProblemCode.DuplicateColumn => en ? $"The column \"{A(0)}\" appears twice." : $"列“{A(0)}”出现了两次。",
            RosterProblemCode.UnknownColumn => en
                ? $"Unknown column \"{A(0)}\": rename it to one of {string.Join(", ", Enum.GetValues<RosterColumn>())}, or delete it (No. and Notes columns are ignored)."
                : $"无法识别的列“{A(0)}”：请改为{string.Join("、", Enum.GetValues<RosterColumn>().Select(RosterVocabulary.ChineseHeader))}之一，或删除该列（序号、备注列会被忽略）。",
            RosterProblemCode.ExtraFields => en ? "Data in a column that has no header (an unquoted comma?)." : "有数据落在没有表头的列中（是否有未加引号的逗号？）。",
            RosterProblemCode.MissingValue => en ? "Required, but empty." : "必填，但为空。",
            RosterProblemCode.UnknownStage => en
                ? $"Unknown stage \"{A(0)}\" (Applicant, Activist, DevelopmentTarget, Probationary or Full)."
                : $"无法识别的阶段“{A(0)}”（应为入党申请人、积极分子、发展对象、预备党员或正式党员）。",
            RosterProblemCode.UnknownRole => en ? $"Unknown office \"{A(0)}\"." : $"无法识别的职务“{A(0)}”。",
            RosterProblemCode.InvalidDate => en ? $"\"{A(0)}\" is not a date like 2025-09-01 or 2025/9/1." : $"“{A(0)}”不是 2025-09-01、2025/9/1 或 2025年9月1日这样的日期。",
            RosterProblemCode.ScientificNotation => en
                ? $"\"{A(0)}\" is Excel's scientific notation and the digits are lost: format the column as Text, type the full numbers and save again."
                : $"“{A(0)}”是 Excel 的科学计数法，原数字已丢失：请把该列设为“文本”格式，填回完整学号后重新保存。",
            RosterProblemCode.LeadingZerosLost => en
                ? $"{A(0)} is {A(1)} ({A(2)}) without the leading zeros, as Excel drops them: format the column as Text, type the full numbers and save again."
                : $"{A(0)} 与数据库中的 {A(1)}（{A(2)}）只差开头的 0，Excel 会删掉开头的 0：请把该列设为“文本”格式，填回完整学号后重新保存。",
            RosterProblemCode.FutureDate => en ? $"{A(0)} is after today ({A(1)})." : $"{A(0)} 晚于今天（{A(1)}）。",
            RosterProblemCode.InvalidEmail => en ? $"\"{A(0)}\" is not an email address." : $"“{A(0)}”不是有效的邮箱地址。",
            RosterProblemCode.DuplicateStudentNumber => en ? $"Student number {A(0)} is also on row {A(1)}." : $"学号 {A(0)} 与第 {A(1)} 行重复。",
            RosterProblemCode.DuplicateEmail => en ? $"Email {A(0)} is also on row {A(1)}." : $"邮箱 {A(0)} 与第 {A(1)} 行重复。",
            RosterProblemCode.EmailTakenByExisting => en
                ? $"Email {A(0)} belongs to {A(1)} ({A(2)}), who is not in this file."
                : $"邮箱 {A(0)} 已属于不在本文件中的 {A(1)}（{A(2)}）。",
            RosterProblemCode.MentorNotInFile => en ? $"Mentor {A(0)} is not in this file." : $"联系人 {A(0)} 不在本文件中。",
            RosterProblemCode.MentorNotFull => en
                ? $"Mentor {A(0)} ({A(1)}) is {StageName(A(2), en)}, not a full member."
                : $"联系人 {A(0)}（{A(1)}）是{StageName(A(2), en)}，不是正式党员。",
            RosterProblemCode.MentorIsSelf => en ? "A person cannot be their own mentor." : "不能担任自己的联系人。",
            RosterProblemCode.TooManyMentors when A(1) == "0" => en
                ? $"{StageName(A(0), en)} has no mentors; {A(2)} listed."
                : $"{StageName(A(0), en)}不设联系人，实有 {A(2)} 名。",
            RosterProblemCode.TooManyMentors => en
                ? $"{StageName(A(0), en)} has at most {A(1)} mentor(s), not {A(2)}."
                : $"{StageName(A(0), en)}最多 {A(1)} 名联系人，实有 {A(2)} 名。",
            RosterProblemCode.TooFewMentors => en
                ? $"{StageName(A(0), en)} needs {A(1)} {(A(0) == nameof(Stage.DevelopmentTarget) ? "introducer(s)" : "mentor(s)")}, has {A(2)}."
                : $"{StageName(A(0), en)}应有 {A(1)} 名{(A(0) == nameof(Stage.DevelopmentTarget) ? "入党介绍人" : "培养联系人")}，实有 {A(2)} 名。",
            RosterProblemCode.RoleNeedsPartyMember => en
                ? $"{RoleName(A(0), en)} must be a party member (probationary or full)."
                : $"{RoleName(A(0), en)}须由党员（预备或正式）担任。",
            RosterProblemCode.OfficeHeldTwice => en ? $"{RoleName(A(0), en)} is already held on row {A(1)}." : $"{RoleName(A(0), en)}已由第 {A(1)} 行担任。",
            RosterProblemCode.TwoGroupLeaders => en ? $"Group {A(0)} already has a leader on row {A(1)}." : $"小组“{A(0)}”已有组长（第 {A(1)} 行）。",
            RosterProblemCode.NotEmptyForDemo => en
                ? $"The demo branch loads only into an empty database; this one has {A(0)} people."
                : $"演示数据只能载入空数据库，当前已有 {A(0)} 人。",
            _ => p.Code.ToString(),
        };
    }

    private static string StageChange(RosterStageChange c, bool en)
    {
        string Stage(Stage s) => en ? s.ToString() : RosterVocabulary.Chinese(s);
        return (en, c.IsCorrection) switch
        {
            (true, true) => $"stage history corrected: {Stage(c.From)} since {Iso(c.FromSince)} is now {Stage(c.To)} since {Iso(c.ToSince)}",
            (false, true) => $"阶段历史已更正：原为{Stage(c.From)}（{Iso(c.FromSince)} 起），现为{Stage(c.To)}（{Iso(c.ToSince)} 起）",
            (true, false) => $"new stage: {Stage(c.From)} since {Iso(c.FromSince)}, then {Stage(c.To)} from {Iso(c.ToSince)}; what was owed before stays owed",
            (false, false) => $"进入新阶段：{Stage(c.From)}（{Iso(c.FromSince)} 起）→ {Stage(c.To)}（{Iso(c.ToSince)} 起），此前应完成的任务照常计入",
        };
    }

    public static string ColumnName(RosterColumn column, bool en) => en ? column.ToString() : RosterVocabulary.ChineseHeader(column);

    private static string StageName(string stage, bool en) =>
        Enum.TryParse<Stage>(stage, out var s) ? (en ? s.ToString() : RosterVocabulary.Chinese(s)) : stage;

    private static string RoleName(string role, bool en) =>
        Enum.TryParse<Roles>(role, out var r) ? (en ? r.ToString() : RosterVocabulary.Chinese(r)) : role;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
