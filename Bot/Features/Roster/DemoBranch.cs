using System.Globalization;
using System.Text;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Roster;

public sealed record DemoLoadResult(RosterImportResult Roster, int Submissions, int Talks, int Excuses, int Extensions, int Evaluations);

// A realistic branch to try the bot with: 5 groups of 12 (3 full, 2 probationary, 2 development targets,
// 5 activists), a committee, a leader per group, and three months of history up to now, some of it late or
// missing. The roster goes through the real import; the same seed and instant give the same branch.
public sealed class DemoBranch(BranchDbContext db)
{
    private static readonly string[] GroupNames = ["视觉传达党小组", "环境设计党小组", "产品设计党小组", "数字媒体党小组", "美术学党小组"];

    private static readonly (string Han, string Pinyin)[] Surnames =
    [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("赵", "zhao"), ("黄", "huang"),
        ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"), ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"),
        ("何", "he"), ("郭", "guo"), ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ];

    private static readonly (string Han, string Pinyin)[] GivenParts =
    [
        ("子", "zi"), ("涵", "han"), ("欣", "xin"), ("怡", "yi"), ("梓", "zi"), ("轩", "xuan"), ("雨", "yu"), ("晨", "chen"),
        ("思", "si"), ("博", "bo"), ("嘉", "jia"), ("琪", "qi"), ("浩", "hao"), ("然", "ran"), ("文", "wen"), ("静", "jing"),
        ("宇", "yu"), ("航", "hang"), ("佳", "jia"), ("慧", "hui"), ("明", "ming"), ("哲", "zhe"), ("昊", "hao"), ("婷", "ting"),
    ];

    private static readonly string[] ReportTexts =
    [
        "本月认真学习了党的理论知识，结合专业学习反思了自身不足，今后将更加严格要求自己。",
        "通过参加支部组织的志愿服务活动，我对全心全意为人民服务有了更深的体会。",
        "本月重点学习了党章，对党员的权利和义务有了更清楚的认识，并在班级工作中积极带头。",
        "在课程设计中与同学合作完成项目，体会到集体的力量，也认识到自己在沟通上的不足。",
    ];

    private static readonly (string Topic, string Summary)[] TalkTexts =
    [
        ("学习与思想近况", "交流了本月的专业学习和思想动态，鼓励其多参加支部活动。"),
        ("入党动机", "围绕入党动机进行了深入交流，建议结合党章进一步思考。"),
        ("志愿服务体会", "听取了参加志愿服务的体会，肯定了其积极表现。"),
        ("班级工作", "了解了其在班级工作中的表现，提醒注意工作方法。"),
    ];

    public async Task<DemoLoadResult> LoadAsync(TimeZoneInfo timeZone, DateTimeOffset now, int seed, CancellationToken ct)
    {
        var existing = await db.Members.CountAsync(ct);
        if (existing > 0)
            return new DemoLoadResult(RosterImportResult.Rejected([new RosterProblem(0, null, RosterProblemCode.NotEmptyForDemo, existing.ToString(CultureInfo.InvariantCulture))]), 0, 0, 0, 0, 0);

        var random = new Random(seed);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
        var trackingStartsOn = new DateOnly(today.Year, today.Month, 1).AddMonths(-3);
        var setting = await db.BranchSettings.FindAsync([BranchSetting.SingletonId], ct);
        if (setting is null) db.BranchSettings.Add(setting = new BranchSetting());
        setting.TrackingStartsOn = trackingStartsOn;
        await db.SaveChangesAsync(ct);

        var roster = await new RosterImport(db).ImportAsync(RosterCsv(random, today), today, ct);
        if (!roster.Accepted) return new DemoLoadResult(roster, 0, 0, 0, 0, 0);

        var history = new History(db, random, timeZone, now, today, trackingStartsOn);
        await history.WriteAsync(ct);
        return new DemoLoadResult(roster, history.Submissions, history.Talks, history.Excuses, history.Extensions, history.Evaluations);
    }

    private static byte[] RosterCsv(Random random, DateOnly today)
    {
        var csv = new StringBuilder("学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务\r\n");
        var usedNames = new HashSet<string>();
        var seq = 0;
        Roles[] committee = [Roles.Secretary, Roles.DeputySecretary, Roles.OrganizationMember, Roles.PropagandaMember, Roles.DisciplineMember];
        (Stage Stage, int Count, int Grade, int MinDays, int MaxDays)[] plan =
        [
            (Stage.Full, 3, 2021, 400, 900),
            (Stage.Probationary, 2, 2022, 30, 330),
            (Stage.DevelopmentTarget, 2, 2023, 20, 200),
            (Stage.Activist, 5, 2024, 30, 360),
        ];
        for (var g = 0; g < GroupNames.Length; g++)
        {
            var fulls = new List<string>();
            foreach (var (stage, count, grade, minDays, maxDays) in plan)
            {
                for (var i = 0; i < count; i++)
                {
                    var number = string.Create(CultureInfo.InvariantCulture, $"{grade}05{++seq:D3}");
                    var (name, pinyin) = UniqueName(random, usedNames);
                    var since = today.AddDays(-random.Next(minDays, maxDays));
                    var roles = Roles.None;
                    string[] mentors = [];
                    if (stage == Stage.Full)
                    {
                        if (i == 0) roles |= Roles.GroupLeader;
                        if (i == 1) roles |= committee[g];
                        fulls.Add(number);
                    }
                    else if (stage == Stage.DevelopmentTarget) mentors = [fulls[i % 3], fulls[(i + 1) % 3]];
                    else if (stage == Stage.Activist) mentors = [fulls[i % 3]];
                    string[] fields =
                    [
                        number, name, $"{pinyin}{seq:D2}@branch.example", GroupNames[g], RosterVocabulary.Chinese(stage),
                        since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join(';', mentors),
                        string.Join(';', RosterVocabulary.Each(roles).Select(RosterVocabulary.Chinese)),
                    ];
                    csv.Append(string.Join(',', fields.Select(Csv.Escape))).Append("\r\n");
                }
            }
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static (string Name, string Pinyin) UniqueName(Random random, HashSet<string> used)
    {
        while (true)
        {
            var (sh, sp) = Surnames[random.Next(Surnames.Length)];
            var (g1, p1) = GivenParts[random.Next(GivenParts.Length)];
            var twoChars = random.Next(3) > 0;
            var (g2, p2) = twoChars ? GivenParts[random.Next(GivenParts.Length)] : ("", "");
            var name = sh + g1 + g2;
            if (used.Add(name)) return (name, sp + p1 + p2);
        }
    }

    private sealed class History(BranchDbContext db, Random random, TimeZoneInfo timeZone, DateTimeOffset now, DateOnly today, DateOnly trackingStartsOn)
    {
        private int _key;

        public int Submissions { get; private set; }
        public int Talks { get; private set; }
        public int Excuses { get; private set; }
        public int Extensions { get; private set; }
        public int Evaluations { get; private set; }

        public async Task WriteAsync(CancellationToken ct)
        {
            var members = await db.Members.Include(m => m.Mentors).OrderBy(m => m.Id).ToListAsync(ct);
            var leaders = members.Where(m => m.IsGroupLeader).ToDictionary(m => m.GroupId, m => m.Id);
            var secretary = members.First(m => m.Roles.HasFlag(Roles.Secretary)).Id;
            var reporting = members.Where(m => m.Stage != Stage.Full).ToList();
            var current = Period.Containing(Cadence.Monthly, today);
            var missed = new List<(Member Member, Period Period)>();
            var late = new List<(Member Member, Period Period, DateOnly Date)>();

            for (var month = Period.Containing(Cadence.Monthly, trackingStartsOn); month.CompareTo(current) <= 0; month = month.Next())
            {
                var past = month.End < today;
                foreach (var m in reporting.Where(m => m.StageSince <= month.End))
                {
                    var roll = random.NextDouble();
                    if (past && roll < 0.75) Report(m, ObligationKind.ThoughtReport, month, Day(month.Start.AddDays(4), month.End));
                    else if (past && roll < 0.87)
                    {
                        var date = month.End.AddDays(random.Next(1, 6));
                        if (date < today) { Report(m, ObligationKind.ThoughtReport, month, date); late.Add((m, month, date)); }
                    }
                    else if (past) missed.Add((m, month));
                    else if (roll < 0.4 && today > month.Start) Report(m, ObligationKind.ThoughtReport, month, Day(month.Start, today.AddDays(-1)));

                    foreach (var mentor in m.Mentors)
                    {
                        var held = past ? random.NextDouble() < 0.85 : random.NextDouble() < 0.3 && today > month.Start;
                        if (held) Talk(mentor.MentorId, m.Id, Day(month.Start, past ? month.End : today.AddDays(-1)));
                    }
                }
            }

            for (var quarter = Period.Containing(Cadence.Quarterly, trackingStartsOn); quarter.End < today; quarter = quarter.Next())
            {
                foreach (var m in members.Where(m => m.Stage == Stage.Probationary && m.StageSince <= quarter.End && random.NextDouble() < 0.8))
                {
                    var date = quarter.End.AddDays(random.Next(-10, 3));
                    if (date < today) Report(m, ObligationKind.BranchReport, quarter, date);
                }
                foreach (var m in members.Where(m => m.Stage == Stage.Activist && m.StageSince <= quarter.Start))
                {
                    var passed = random.NextDouble() < 0.9;
                    db.Evaluations.Add(new Evaluation(m.Id, ObligationKind.ActivistEvaluation, quarter, passed,
                        passed ? "表现良好，继续保持。" : "思想汇报不够按时，需加强理论学习。", secretary, At(quarter.End.AddDays(3), 15)));
                    Evaluations++;
                }
            }

            if (missed.Count > 0)
            {
                var (m, period) = missed[0];
                db.Excuses.Add(new Excuse(m.Id, m.Id, ObligationKind.ThoughtReport, period, "因病住院，经小组长同意免交本月思想汇报。", leaders[m.GroupId], At(period.End.AddDays(2), 10)));
                Excuses++;
            }
            if (late.Count > 0)
            {
                var (m, period, date) = late[0];
                var extension = new Extension(m.Id, ObligationKind.ThoughtReport, period, date, "参加省级设计竞赛集训，申请延期提交。", At(period.End.AddDays(-2), 20));
                extension.Decide(approve: true, leaders[m.GroupId], At(period.End.AddDays(-1), 9));
                db.Extensions.Add(extension);
                Extensions++;
            }
            var asking = reporting.FirstOrDefault(m => m.Stage == Stage.Activist);
            if (asking is not null && today > current.Start)
            {
                db.Extensions.Add(new Extension(asking.Id, ObligationKind.ThoughtReport, current, current.End.AddDays(7), "毕业设计中期检查，申请延后一周。", At(today.AddDays(-1), 21)));
                Extensions++;
            }
            var resubmitted = db.Submissions.Local.FirstOrDefault(s => s.Kind == ObligationKind.ThoughtReport);
            if (resubmitted is not null)
            {
                db.Submissions.Add(new Submission(resubmitted.MemberId, resubmitted.Kind, resubmitted.Period,
                    resubmitted.Text + "（补充：附上本月读书笔记。）", resubmitted.SubmittedAt.AddHours(20), 2, NextKey()));
                Submissions++;
            }
            await db.SaveChangesAsync(ct);
        }

        private void Report(Member m, ObligationKind kind, Period period, DateOnly date)
        {
            // Three paragraphs, so that demo reports meet the policy's minimum length like real ones.
            var text = string.Join("\n\n", Enumerable.Range(0, 3).Select(_ => ReportTexts[random.Next(ReportTexts.Length)]));
            db.Submissions.Add(new Submission(m.Id, kind, period, text, At(date, random.Next(19, 23)), 1, NextKey()));
            Submissions++;
        }

        private void Talk(int mentorId, int menteeId, DateOnly date)
        {
            var (topic, summary) = TalkTexts[random.Next(TalkTexts.Length)];
            var mode = random.Next(4) == 0 ? TalkMode.Online : TalkMode.InPerson;
            db.Talks.Add(new Talk(mentorId, menteeId, date, mode, topic, summary, null, At(date, 21), NextKey()));
            Talks++;
        }

        private DateOnly Day(DateOnly from, DateOnly to) => to < from ? from : from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

        // Branch-local wall-clock time, never later than now.
        private DateTimeOffset At(DateOnly date, int hour)
        {
            var local = date.ToDateTime(new TimeOnly(hour, random.Next(60)));
            var instant = new DateTimeOffset(local, timeZone.GetUtcOffset(local));
            return instant <= now ? instant : now;
        }

        private string NextKey() => string.Create(CultureInfo.InvariantCulture, $"demo-{++_key}");
    }
}
