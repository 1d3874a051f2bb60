using System.Text;

namespace BranchBot.EndToEnd.Tests.Support;

/// The playground's six default people as members of a small branch, linked by the e-mail the playground reports
/// for them (the roster knows no AAD object ids, so the bot links each person at first contact).
public static class BranchRoster
{
    public static PlaygroundUser Student => PlaygroundConfig.DefaultPeople[0];     // 王小明, activist, mentor 李华

    public static PlaygroundUser Mentor => PlaygroundConfig.DefaultPeople[1];      // 李华, full member

    public static PlaygroundUser GroupLeader => PlaygroundConfig.DefaultPeople[2]; // 张敏, 组长 of 第一小组

    public static PlaygroundUser Committee => PlaygroundConfig.DefaultPeople[3];   // 刘洋, 书记;组织委员, 第二小组

    public static PlaygroundUser Student2 => PlaygroundConfig.DefaultPeople[4];    // 陈静, activist, mentor 李华

    public static PlaygroundUser Probationary => PlaygroundConfig.DefaultPeople[5]; // 赵磊, probationary, 第二小组

    public const string FirstGroup = "第一小组";

    public const string SecondGroup = "第二小组";

    /// The day the branch starts tracking, so that October's reports are overdue in late November.
    public const string TrackingStartsOn = "2026-10-01";

    public static string Csv => new StringBuilder()
        .AppendLine("学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务")
        .AppendLine(Row("2025001", Student, FirstGroup, "积极分子", "2026-03-15", "2019001", ""))
        .AppendLine(Row("2019001", Mentor, FirstGroup, "正式党员", "2019-06-01", "", ""))
        .AppendLine(Row("2023001", GroupLeader, FirstGroup, "正式党员", "2024-06-01", "", "组长"))
        .AppendLine(Row("2022001", Committee, SecondGroup, "正式党员", "2023-06-01", "", "书记;组织委员"))
        .AppendLine(Row("2025002", Student2, FirstGroup, "积极分子", "2026-03-15", "2019001", ""))
        .AppendLine(Row("2024001", Probationary, SecondGroup, "预备党员", "2026-06-01", "", ""))
        .ToString();

    /// Sets the tracking start and imports <paramref name="csv"/> (default <see cref="Csv"/>) through the bot's own CLI before the web host starts.
    public static void Configure(BotOptions bot, string? csv = null)
    {
        bot.Environment["Branch__TrackingStartsOn"] = TrackingStartsOn;
        bot.BeforeStart = async process =>
        {
            var file = Path.Combine(process.DataDir, "roster.csv");
            await File.WriteAllTextAsync(file, csv ?? Csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var result = await process.RunCommandAsync("roster", "import", file);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"`roster import` failed with exit code {result.ExitCode}:\n{result.Output}");
            }
        };
    }

    /// <see cref="Csv"/> with the student an activist for exactly a year on the bot's clock (26 November 2026), so eligible to become a development target.
    public static string EligibleStudentCsv => Csv.Replace(Row("2025001", Student, FirstGroup, "积极分子", "2026-03-15", "2019001", ""),
        Row("2025001", Student, FirstGroup, "积极分子", "2025-11-26", "2019001", ""), StringComparison.Ordinal);

    /// <see cref="Csv"/> for the half-yearly evaluation: 陈静 a full member, 赵磊 in 第一小组 on probation since 2026-05-28
    /// (the first half year's last day is 27 November 2026), so 李华, 张敏 and 陈静 are the peers; 刘洋 (committee) gives the branch part.
    public static string EvaluationCsv => Csv
        .Replace(Row("2025002", Student2, FirstGroup, "积极分子", "2026-03-15", "2019001", ""), Row("2025002", Student2, FirstGroup, "正式党员", "2024-06-01", "", ""), StringComparison.Ordinal)
        .Replace(Row("2024001", Probationary, SecondGroup, "预备党员", "2026-06-01", "", ""), Row("2024001", Probationary, FirstGroup, "预备党员", "2026-05-28", "", ""), StringComparison.Ordinal);

    /// <see cref="Csv"/> with the student an applicant (入党申请人) since 2026-03-01, without a mentor: the one the committee may put up as an activist.
    public static string ApplicantStudentCsv => Csv.Replace(Row("2025001", Student, FirstGroup, "积极分子", "2026-03-15", "2019001", ""),
        Row("2025001", Student, FirstGroup, "入党申请人", "2026-03-01", "", ""), StringComparison.Ordinal);

    private static string Row(string number, PlaygroundUser person, string group, string stage, string since, string mentors, string roles) =>
        string.Join(',', number, person.Name, person.Email, group, stage, since, mentors, roles);
}
