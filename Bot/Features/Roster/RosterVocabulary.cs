using System.Text;
using BranchBot.Bot.Cards;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Roster;

public enum RosterColumn
{
    StudentNumber = 1,
    Name,
    Email,
    Group,
    Stage,
    StageSince,
    Mentors,
    Roles,
    /// <summary>毕业日期: optional; the committee's list of graduates (组织关系转接) is drawn from it.</summary>
    GraduatesOn,
}

// The words a roster may use, in Simplified Chinese, Traditional Chinese and English. The first Chinese
// word of each entry is the one export writes.
internal static class RosterVocabulary
{
    public static readonly IReadOnlyList<RosterColumn> Required =
        [RosterColumn.StudentNumber, RosterColumn.Name, RosterColumn.Group, RosterColumn.Stage, RosterColumn.StageSince];

    private static readonly (RosterColumn Column, string[] Words)[] ColumnWords =
    [
        (RosterColumn.StudentNumber, ["学号", "學號", "工号", "工號", "StudentNumber", "Student Number", "StudentNo"]),
        (RosterColumn.Name, ["姓名", "Name"]),
        (RosterColumn.Email, ["邮箱", "郵箱", "电子邮箱", "電子郵箱", "電子郵件", "Email", "E-mail"]),
        (RosterColumn.Group, ["小组", "小組", "党小组", "黨小組", "Group"]),
        (RosterColumn.Stage, ["阶段", "階段", "Stage"]),
        (RosterColumn.StageSince, ["阶段开始日期", "階段開始日期", "StageSince", "Stage Since"]),
        (RosterColumn.Mentors, ["联系人", "聯繫人", "聯系人", "培养联系人", "培養聯繫人", "Mentors"]),
        (RosterColumn.Roles, ["职务", "職務", "Roles"]),
        (RosterColumn.GraduatesOn, ["毕业日期", "畢業日期", "GraduatesOn", "Graduates On", "Graduation Date"]),
    ];

    private static readonly (Stage Stage, string[] Words)[] StageWords =
    [
        (Stage.Applicant, ["入党申请人", "入黨申請人", "申请人", "申請人", "Applicant"]),
        (Stage.Activist, ["积极分子", "積極分子", "入党积极分子", "入黨積極分子", "Activist"]),
        (Stage.DevelopmentTarget, ["发展对象", "發展對象", "DevelopmentTarget", "Development Target"]),
        (Stage.Probationary, ["预备党员", "預備黨員", "Probationary"]),
        (Stage.Full, ["正式党员", "正式黨員", "Full"]),
    ];

    private static readonly (Roles Role, string[] Words)[] RoleWords =
    [
        (Roles.Secretary, ["书记", "書記", "Secretary"]),
        (Roles.DeputySecretary, ["副书记", "副書記", "DeputySecretary", "Deputy Secretary"]),
        (Roles.OrganizationMember, ["组织委员", "組織委員", "OrganizationMember", "Organization Member"]),
        (Roles.PropagandaMember, ["宣传委员", "宣傳委員", "PropagandaMember", "Propaganda Member"]),
        (Roles.DisciplineMember, ["纪检委员", "紀檢委員", "DisciplineMember", "Discipline Member"]),
        (Roles.GroupLeader, ["组长", "組長", "党小组组长", "黨小組組長", "GroupLeader", "Group Leader"]),
    ];

    // Columns spreadsheets carry that never hold roster data: ignored (and reported) instead of refused.
    private static readonly string[] IgnorableColumns = ["序号", "序號", "No.", "No", "备注", "備註", "Notes", "Note", "Remarks"];

    public static readonly char[] ListSeparators = [';', '；', '、', ',', '，'];

    public static RosterColumn? Column(string header) => Find(ColumnWords, header);
    public static Stage? StageOf(string value) => Find(StageWords, value);
    public static Roles? RoleOf(string value) => Find(RoleWords, value);
    public static bool IsIgnorable(string header) => IgnorableColumns.Any(w => Normalize(w) == Normalize(header));

    public static IEnumerable<Roles> Each(Roles roles) => RoleWords.Select(r => r.Role).Where(r => roles.HasFlag(r));

    public static string ChineseHeader(RosterColumn column) => ColumnWords.First(c => c.Column == column).Words[0];
    public static string Chinese(Stage stage) => StageWords.First(s => s.Stage == stage).Words[0];
    public static string Chinese(Roles role) => RoleWords.First(r => r.Role == role).Words[0];

    // The Traditional Chinese words a zh-TW reader sees in the import report; each is one the import accepts.
    public static string TraditionalHeader(RosterColumn column) => column switch
    {
        RosterColumn.StudentNumber => "學號",
        RosterColumn.Name => "姓名",
        RosterColumn.Email => "電子郵件",
        RosterColumn.Group => "小組",
        RosterColumn.Stage => "階段",
        RosterColumn.StageSince => "階段開始日期",
        RosterColumn.Mentors => "聯繫人",
        RosterColumn.Roles => "職務",
        RosterColumn.GraduatesOn => "畢業日期",
        _ => ChineseHeader(column),
    };

    public static string Traditional(Stage stage) => StageWords.First(s => s.Stage == stage).Words[1];
    public static string Traditional(Roles role) => RoleWords.First(r => r.Role == role).Words[1];

    public static string[] SplitList(string value) =>
        value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T? Find<T>((T Key, string[] Words)[] table, string text) where T : struct
    {
        var wanted = Normalize(text);
        foreach (var (key, words) in table)
            if (words.Any(w => Normalize(w) == wanted)) return key;
        return null;
    }

    private static string Normalize(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('\uFEFF' or '\u200B'))).ToUpperInvariant();
}
