using System.Globalization;
using System.Text;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Roster;

// Renders an import result for people, in Simplified Chinese, Traditional Chinese or English. The texts are written
// here rather than in the resource files because each is a sentence built around the problem's own arguments.
public static class RosterReport
{
    // language: a tag as the CLI's --lang takes it ("zh-CN", "zh-TW", "en"); anything else reads Simplified Chinese.
    // configuredTrackingStartsOn: Branch:TrackingStartsOn, which wins over the stored date when set.
    // preview: the result of RosterImport.PreviewAsync, told as what an apply would do.
    public static string Render(RosterImportResult result, string language = "zh-CN", DateOnly? configuredTrackingStartsOn = null, bool preview = false) =>
        Render(result, LanguageOf(language), configuredTrackingStartsOn, preview);

    public static string Render(RosterImportResult result, Language language, DateOnly? configuredTrackingStartsOn = null, bool preview = false)
    {
        var l = language;
        var text = new StringBuilder();
        if (!result.Accepted)
        {
            text.AppendLine(Pick(l,
                $"名单未导入：发现 {result.Problems.Count} 个问题，数据库未作任何修改。",
                $"名單未匯入：發現 {result.Problems.Count} 個問題，資料庫未作任何修改。",
                $"Roster rejected: {result.Problems.Count} problem(s). Nothing was changed."));
            foreach (var p in result.Problems) text.AppendLine("  " + Problem(p, l));
            if (result.Warnings.Count > 0)
            {
                text.AppendLine(Pick(l,
                    $"另有 {result.Warnings.Count} 处待完善（不影响导入）：",
                    $"另有 {result.Warnings.Count} 處待完善（不影響匯入）：",
                    $"Also {result.Warnings.Count} gap(s) to fill, which alone would not stop the import:"));
                foreach (var p in result.Warnings) text.AppendLine("  " + Problem(p, l));
            }
        }
        else
        {
            var (added, updated, unchanged) = (result.Count(RosterChangeKind.Added), result.Count(RosterChangeKind.Updated), result.Count(RosterChangeKind.Unchanged));
            text.AppendLine(preview
                ? Pick(l,
                    $"预览（尚未修改）：导入后将新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人。",
                    $"預覽（尚未修改）：匯入後將新增 {added} 人，更新 {updated} 人，未變 {unchanged} 人。",
                    $"Preview, nothing changed yet: applying adds {added}, updates {updated}, leaves {unchanged} unchanged.")
                : Pick(l,
                    $"名单已导入：新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人。",
                    $"名單已匯入：新增 {added} 人，更新 {updated} 人，未變 {unchanged} 人。",
                    $"Roster imported: {added} added, {updated} updated, {unchanged} unchanged."));
            foreach (var c in result.Changes.Where(c => c.Kind != RosterChangeKind.Unchanged))
            {
                var fields = string.Join(l.IsChinese() ? "、" : ", ", c.Fields.Select(f => ColumnName(f, l)));
                text.AppendLine(c.Kind == RosterChangeKind.Added
                    ? (l.IsChinese() ? $"  + {c.Name}（{c.StudentNumber}）" : $"  + {c.Name} ({c.StudentNumber})")
                    : (l.IsChinese() ? $"  ~ {c.Name}（{c.StudentNumber}）：{fields}" : $"  ~ {c.Name} ({c.StudentNumber}): {fields}"));
                if (c.Stage is { } stage) text.AppendLine("    " + StageChange(stage, l));
            }
            var corrections = result.Changes.Count(c => c.Stage is { IsCorrection: true });
            if (corrections > 0)
                text.AppendLine(Pick(l,
                    $"其中 {corrections} 人的阶段历史被更正：应完成的任务和年度统计按更正后的日期计算。",
                    $"其中 {corrections} 人的階段歷史被更正：應完成的任務和年度統計按更正後的日期計算。",
                    $"{corrections} correction(s) of the stage history: what was owed and the yearly figures follow the corrected dates."));
            if (result.Warnings.Count > 0)
            {
                text.AppendLine(Pick(l,
                    $"有 {result.Warnings.Count} 处待完善（已按现状导入，支部统计中会提示支委）：",
                    $"有 {result.Warnings.Count} 處待完善（已按現狀匯入，支部統計中會提示支委）：",
                    $"{result.Warnings.Count} gap(s) to fill (imported as they are; the committee sees them in the branch summary):"));
                foreach (var p in result.Warnings) text.AppendLine("  " + Problem(p, l));
            }
            if (result.ColumnsKept.Count > 0)
            {
                var kept = result.ColumnsKept.Select(c => ColumnName(c, l)).ToList();
                text.AppendLine(Pick(l,
                    $"文件中没有“{string.Join("”“", kept)}”列：已在名单中的人保留原有信息。",
                    $"檔案中沒有「{string.Join("」「", kept)}」欄：已在名單中的人保留原有資訊。",
                    $"The file has no {string.Join(", ", kept)} column: people already on the roster keep what is stored."));
            }
            if (result.GroupsCreated.Count > 0)
            {
                var (createdCn, createdEn) = (string.Join("、", result.GroupsCreated), string.Join(", ", result.GroupsCreated));
                var (beforeCn, beforeEn) = (string.Join("、", result.GroupsBefore), string.Join(", ", result.GroupsBefore));
                text.AppendLine(result.GroupsBefore.Count == 0
                    ? Pick(l, $"新建小组：{createdCn}", $"新建小組：{createdCn}", $"Groups created: {createdEn}")
                    : Pick(l,
                        $"新建小组：{createdCn}（数据库中原有 {beforeCn}；如为笔误，请改正文件后重新导入）",
                        $"新建小組：{createdCn}（資料庫中原有 {beforeCn}；如為筆誤，請改正檔案後重新匯入）",
                        $"Groups created: {createdEn} (the database already had {beforeEn}; if a name is a typo, correct the file and import again)"));
            }
            if (result.NotInFile.Count > 0)
            {
                text.AppendLine(Pick(l,
                    $"数据库中有 {result.NotInFile.Count} 人不在本文件中，已保留未删除：",
                    $"資料庫中有 {result.NotInFile.Count} 人不在本檔案中，已保留未刪除：",
                    $"{result.NotInFile.Count} person(s) in the database are not in this file; they were kept:"));
                foreach (var p in result.NotInFile) text.AppendLine(l.IsChinese() ? $"  {p.Name}（{p.StudentNumber}）" : $"  {p.Name} ({p.StudentNumber})");
            }
            var tracking = (configuredTrackingStartsOn, result.TrackingStartsOnSet, result.TrackingStartsOnStored) switch
            {
                ({ } d, _, _) => Pick(l,
                    $"自 {Iso(d)} 起开始统计（配置项 Branch:TrackingStartsOn），此前的任务不计。",
                    $"自 {Iso(d)} 起開始統計（設定項 Branch:TrackingStartsOn），此前的任務不計。",
                    $"Tracking starts on {Iso(d)} (set by Branch:TrackingStartsOn): nothing before is owed."),
                (null, { } d, _) => Pick(l,
                    $"自 {Iso(d)}（首次导入之日）起开始统计，此前的任务不计。",
                    $"自 {Iso(d)}（首次匯入之日）起開始統計，此前的任務不計。",
                    $"Tracking starts on {Iso(d)}, the day of this first import: nothing before is owed."),
                (null, null, { } d) => Pick(l,
                    $"自 {Iso(d)}（数据库中记录的日期）起开始统计，此前的任务不计。",
                    $"自 {Iso(d)}（資料庫中記錄的日期）起開始統計，此前的任務不計。",
                    $"Tracking started on {Iso(d)}, the date stored in the database: nothing before is owed."),
                _ => null,
            };
            if (tracking is not null) text.AppendLine(tracking);
        }
        if (result.TitleRows.Count > 0)
            text.AppendLine(Pick(l,
                $"已跳过表头上方的标题（第 {string.Join("、", result.TitleRows)} 行）。",
                $"已略過表頭上方的標題（第 {string.Join("、", result.TitleRows)} 列）。",
                $"Title above the header skipped (row {string.Join(", ", result.TitleRows)})."));
        if (result.IgnoredColumns.Count > 0)
            text.AppendLine(Pick(l,
                $"已忽略的列：{string.Join("、", result.IgnoredColumns)}",
                $"已忽略的欄：{string.Join("、", result.IgnoredColumns)}",
                $"Columns ignored: {string.Join(", ", result.IgnoredColumns)}"));
        return text.ToString();
    }

    public static string Problem(RosterProblem p, Language language)
    {
        var l = language;
        var where = (p.Row, p.Column) switch
        {
            (0, _) => "",
            (var row, null) => Pick(l, $"第 {row} 行：", $"第 {row} 列：", $"Row {row}: "),
            (var row, { } c) => Pick(l, $"第 {row} 行，{ColumnName(c, l)}：", $"第 {row} 列，{ColumnName(c, l)}：", $"Row {row}, {ColumnName(c, l)}: "),
        };
        return where + Reason(p, l);
    }

    private static string Reason(RosterProblem p, Language l)
    {
        string A(int i) => i < p.Args.Length ? p.Args[i] : "";
        return p.Code switch
        {
            RosterProblemCode.EmptyFile => Pick(l, "文件中没有数据行。", "檔案中沒有資料列。", "The file has no data rows."),
            RosterProblemCode.NotCsv => Pick(l,
                "这是旧版 Excel 工作簿（.xls）：请在 Excel 中“另存为”“Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”，再导入该文件。",
                "這是舊版 Excel 活頁簿（.xls）：請在 Excel 中「另存新檔」為「Excel 活頁簿（.xlsx）」或「CSV UTF-8（逗號分隔）」，再匯入該檔案。",
                "This is an old Excel workbook (.xls): in Excel choose Save As, \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\", and import that file."),
            RosterProblemCode.TooLarge => Pick(l,
                $"文件大小为 {A(1)} MB，名单文件最大 {A(0)} MB。",
                $"檔案大小為 {A(1)} MB，名單檔案最大 {A(0)} MB。",
                $"The file is {A(1)} MB; a roster file may be at most {A(0)} MB."),
            RosterProblemCode.NotAWorkbook => Pick(l,
                "该文件看似 .xlsx 工作簿，但无法读取（已损坏或并非工作簿）：请在 Excel 中重新另存为 .xlsx 或 CSV。",
                "該檔案看似 .xlsx 活頁簿，但無法讀取（已損壞或並非活頁簿）：請在 Excel 中重新另存為 .xlsx 或 CSV。",
                "The file looks like an .xlsx workbook but cannot be read as one (damaged, or another kind of file): save it again from Excel as .xlsx or CSV."),
            RosterProblemCode.NotARoster => Pick(l,
                $"这不是名单文件：没有一行含有名单的列名（必填列为{string.Join("、", RosterVocabulary.Required.Select(c => ColumnName(c, l)))}）。",
                $"這不是名單檔案：沒有一列含有名單的欄名（必填欄為{string.Join("、", RosterVocabulary.Required.Select(c => ColumnName(c, l)))}）。",
                $"This is not a roster: no row names a roster column ({string.Join(", ", RosterVocabulary.Required)} are required)."),
            RosterProblemCode.RosterChangedSincePreview => Pick(l,
                "预览之后名单已有变动（另有导入或修改），本次未作任何修改：请重新预览该文件。",
                "預覽之後名單已有變動（另有匯入或修改），本次未作任何修改：請重新預覽該檔案。",
                "The roster changed since this preview (another import or change): nothing was applied; preview the file again."),
            RosterProblemCode.NotThePreviewedFile => Pick(l,
                "这不是预览过的文件（或预览并非今天所做），本次未作任何修改：请重新预览该文件。",
                "這不是預覽過的檔案（或預覽並非今天所做），本次未作任何修改：請重新預覽該檔案。",
                "This is not the file that was previewed (or the preview is from another day): nothing was applied; preview the file again."),
            RosterProblemCode.UnterminatedQuote => Pick(l, "此处的引号没有闭合。", "此處的引號沒有閉合。", "A quote opened here is never closed."),
            RosterProblemCode.MissingColumn => Pick(l, "缺少这一必填列。", "缺少這一必填欄。", "This required column is missing."),
            RosterProblemCode.DuplicateColumn => Pick(l, $"列“{A(0)}”出现了两次。", $"欄「{A(0)}」出現了兩次。", $"The column \"{A(0)}\" appears twice."),
            RosterProblemCode.UnknownColumn => Pick(l,
                $"无法识别的列“{A(0)}”：请改为{string.Join("、", Enum.GetValues<RosterColumn>().Select(c => ColumnName(c, l)))}之一，或删除该列（序号、备注列会被忽略）。",
                $"無法識別的欄「{A(0)}」：請改為{string.Join("、", Enum.GetValues<RosterColumn>().Select(c => ColumnName(c, l)))}之一，或刪除該欄（序號、備註欄會被忽略）。",
                $"Unknown column \"{A(0)}\": rename it to one of {string.Join(", ", Enum.GetValues<RosterColumn>())}, or delete it (No. and Notes columns are ignored)."),
            RosterProblemCode.ExtraFields => Pick(l,
                "有数据落在没有表头的列中（是否有未加引号的逗号？）。",
                "有資料落在沒有表頭的欄中（是否有未加引號的逗號？）。",
                "Data in a column that has no header (an unquoted comma?)."),
            RosterProblemCode.MissingValue => Pick(l, "必填，但为空。", "必填，但為空。", "Required, but empty."),
            RosterProblemCode.UnknownStage => Pick(l,
                $"无法识别的阶段“{A(0)}”（应为入党申请人、积极分子、发展对象、预备党员或正式党员）。",
                $"無法識別的階段「{A(0)}」（應為入黨申請人、積極分子、發展對象、預備黨員或正式黨員）。",
                $"Unknown stage \"{A(0)}\" (Applicant, Activist, DevelopmentTarget, Probationary or Full)."),
            RosterProblemCode.UnknownRole => Pick(l, $"无法识别的职务“{A(0)}”。", $"無法識別的職務「{A(0)}」。", $"Unknown office \"{A(0)}\"."),
            RosterProblemCode.InvalidDate => Pick(l,
                $"“{A(0)}”不是 2025-09-01、2025/9/1 或 2025年9月1日这样的日期。",
                $"「{A(0)}」不是 2025-09-01、2025/9/1 或 2025年9月1日這樣的日期。",
                $"\"{A(0)}\" is not a date like 2025-09-01 or 2025/9/1."),
            RosterProblemCode.ScientificNotation => Pick(l,
                $"“{A(0)}”是 Excel 的科学计数法，原数字已丢失：请把该列设为“文本”格式，填回完整学号后重新保存。",
                $"「{A(0)}」是 Excel 的科學記號，原數字已遺失：請把該欄設為「文字」格式，填回完整學號後重新儲存。",
                $"\"{A(0)}\" is Excel's scientific notation and the digits are lost: format the column as Text, type the full numbers and save again."),
            RosterProblemCode.LeadingZerosLost => Pick(l,
                $"{A(0)} 与数据库中的 {A(1)}（{A(2)}）只差开头的 0，Excel 会删掉开头的 0：请把该列设为“文本”格式，填回完整学号后重新保存。",
                $"{A(0)} 與資料庫中的 {A(1)}（{A(2)}）只差開頭的 0，Excel 會刪掉開頭的 0：請把該欄設為「文字」格式，填回完整學號後重新儲存。",
                $"{A(0)} is {A(1)} ({A(2)}) without the leading zeros, as Excel drops them: format the column as Text, type the full numbers and save again."),
            RosterProblemCode.FutureDate => Pick(l, $"{A(0)} 晚于今天（{A(1)}）。", $"{A(0)} 晚於今天（{A(1)}）。", $"{A(0)} is after today ({A(1)})."),
            RosterProblemCode.InvalidEmail => Pick(l, $"“{A(0)}”不是有效的邮箱地址。", $"「{A(0)}」不是有效的電子郵件地址。", $"\"{A(0)}\" is not an email address."),
            RosterProblemCode.DuplicateStudentNumber => Pick(l, $"学号 {A(0)} 与第 {A(1)} 行重复。", $"學號 {A(0)} 與第 {A(1)} 列重複。", $"Student number {A(0)} is also on row {A(1)}."),
            RosterProblemCode.DuplicateEmail => Pick(l, $"邮箱 {A(0)} 与第 {A(1)} 行重复。", $"電子郵件 {A(0)} 與第 {A(1)} 列重複。", $"Email {A(0)} is also on row {A(1)}."),
            RosterProblemCode.EmailTakenByExisting => Pick(l,
                $"邮箱 {A(0)} 已属于不在本文件中的 {A(1)}（{A(2)}）。",
                $"電子郵件 {A(0)} 已屬於不在本檔案中的 {A(1)}（{A(2)}）。",
                $"Email {A(0)} belongs to {A(1)} ({A(2)}), who is not in this file."),
            RosterProblemCode.MentorNotInFile => Pick(l, $"联系人 {A(0)} 不在本文件中。", $"聯繫人 {A(0)} 不在本檔案中。", $"Mentor {A(0)} is not in this file."),
            RosterProblemCode.MentorNotFull => Pick(l,
                $"联系人 {A(0)}（{A(1)}）是{StageName(A(2), l)}，不是正式党员。",
                $"聯繫人 {A(0)}（{A(1)}）是{StageName(A(2), l)}，不是正式黨員。",
                $"Mentor {A(0)} ({A(1)}) is {StageName(A(2), l)}, not a full member."),
            RosterProblemCode.MentorIsSelf => Pick(l, "不能担任自己的联系人。", "不能擔任自己的聯繫人。", "A person cannot be their own mentor."),
            RosterProblemCode.TooManyMentors when A(1) == "0" => Pick(l,
                $"{StageName(A(0), l)}不设联系人，实有 {A(2)} 名。",
                $"{StageName(A(0), l)}不設聯繫人，實有 {A(2)} 名。",
                $"{StageName(A(0), l)} has no mentors; {A(2)} listed."),
            RosterProblemCode.TooManyMentors => Pick(l,
                $"{StageName(A(0), l)}最多 {A(1)} 名联系人，实有 {A(2)} 名。",
                $"{StageName(A(0), l)}最多 {A(1)} 名聯繫人，實有 {A(2)} 名。",
                $"{StageName(A(0), l)} has at most {A(1)} mentor(s), not {A(2)}."),
            RosterProblemCode.TooFewMentors => A(0) == nameof(Stage.DevelopmentTarget)
                ? Pick(l,
                    $"{StageName(A(0), l)}应有 {A(1)} 名入党介绍人，实有 {A(2)} 名。",
                    $"{StageName(A(0), l)}應有 {A(1)} 名入黨介紹人，實有 {A(2)} 名。",
                    $"{StageName(A(0), l)} needs {A(1)} introducer(s), has {A(2)}.")
                : Pick(l,
                    $"{StageName(A(0), l)}应有 {A(1)} 名培养联系人，实有 {A(2)} 名。",
                    $"{StageName(A(0), l)}應有 {A(1)} 名培養聯繫人，實有 {A(2)} 名。",
                    $"{StageName(A(0), l)} needs {A(1)} mentor(s), has {A(2)}."),
            RosterProblemCode.RoleNeedsPartyMember => Pick(l,
                $"{RoleName(A(0), l)}须由党员（预备或正式）担任。",
                $"{RoleName(A(0), l)}須由黨員（預備或正式）擔任。",
                $"{RoleName(A(0), l)} must be a party member (probationary or full)."),
            RosterProblemCode.OfficeHeldTwice => Pick(l,
                $"{RoleName(A(0), l)}已由第 {A(1)} 行担任。",
                $"{RoleName(A(0), l)}已由第 {A(1)} 列擔任。",
                $"{RoleName(A(0), l)} is already held on row {A(1)}."),
            RosterProblemCode.TwoGroupLeaders => Pick(l,
                $"小组“{A(0)}”已有组长（第 {A(1)} 行）。",
                $"小組「{A(0)}」已有組長（第 {A(1)} 列）。",
                $"Group {A(0)} already has a leader on row {A(1)}."),
            RosterProblemCode.NotEmptyForDemo => Pick(l,
                $"演示数据只能载入空数据库，当前已有 {A(0)} 人。",
                $"示範資料只能載入空資料庫，目前已有 {A(0)} 人。",
                $"The demo branch loads only into an empty database; this one has {A(0)} people."),
            _ => p.Code.ToString(),
        };
    }

    private static string StageChange(RosterStageChange c, Language l)
    {
        string Stage(Stage s) => StageName(s.ToString(), l);
        return c.IsCorrection
            ? Pick(l,
                $"阶段历史已更正：原为{Stage(c.From)}（{Iso(c.FromSince)} 起），现为{Stage(c.To)}（{Iso(c.ToSince)} 起）",
                $"階段歷史已更正：原為{Stage(c.From)}（{Iso(c.FromSince)} 起），現為{Stage(c.To)}（{Iso(c.ToSince)} 起）",
                $"stage history corrected: {Stage(c.From)} since {Iso(c.FromSince)} is now {Stage(c.To)} since {Iso(c.ToSince)}")
            : Pick(l,
                $"进入新阶段：{Stage(c.From)}（{Iso(c.FromSince)} 起）→ {Stage(c.To)}（{Iso(c.ToSince)} 起），此前应完成的任务照常计入",
                $"進入新階段：{Stage(c.From)}（{Iso(c.FromSince)} 起）→ {Stage(c.To)}（{Iso(c.ToSince)} 起），此前應完成的任務照常計入",
                $"new stage: {Stage(c.From)} since {Iso(c.FromSince)}, then {Stage(c.To)} from {Iso(c.ToSince)}; what was owed before stays owed");
    }

    /// <summary>A roster column's header as this language's reader writes it (Simplified is what export writes).</summary>
    public static string ColumnName(RosterColumn column, Language language) => language switch
    {
        Language.EnUs => column.ToString(),
        Language.ZhTw => RosterVocabulary.TraditionalHeader(column),
        _ => RosterVocabulary.ChineseHeader(column),
    };

    private static string StageName(string stage, Language l) =>
        !Enum.TryParse<Stage>(stage, out var s) ? stage
        : l switch { Language.EnUs => s.ToString(), Language.ZhTw => RosterVocabulary.Traditional(s), _ => RosterVocabulary.Chinese(s) };

    private static string RoleName(string role, Language l) =>
        !Enum.TryParse<Roles>(role, out var r) ? role
        : l switch { Language.EnUs => r.ToString(), Language.ZhTw => RosterVocabulary.Traditional(r), _ => RosterVocabulary.Chinese(r) };

    private static string Pick(Language language, string zhCn, string zhTw, string en) => language switch
    {
        Language.EnUs => en,
        Language.ZhTw => zhTw,
        _ => zhCn,
    };

    /// <summary>The CLI's --lang, read by the bot's one locale rule (<see cref="LanguageResolver.FromLocale"/>); Simplified Chinese when it names none.</summary>
    private static Language LanguageOf(string tag) => LanguageResolver.FromLocale(tag) ?? Language.ZhCn;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
