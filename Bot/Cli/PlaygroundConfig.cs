using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Cli;

/// <summary>
/// The Agents Playground configuration scripts/try-it.sh starts the Playground with: the chosen role is the
/// current user, the other roles are the other users, each a distinct person of the roster in the database.
/// A person's Teams ids are derived from their student number, so whichever role a run starts as, the bot links
/// the same ids to the same person (by AAD object id, else by the e-mail the Playground reports).
/// </summary>
public static class PlaygroundConfig
{
    public static readonly string[] Roles = ["leader", "student", "mentor", "secretary"];
    public const string OtherRole = "member";

    public sealed record Person(string Role, Member Member)
    {
        public string TeamsId => "29:demo-" + Member.StudentNumber;

        public string AadObjectId => AadObjectIdOf(Member.StudentNumber);
    }

    public static string AadObjectIdOf(string studentNumber) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("branchbot-playground:" + studentNumber)).AsSpan(0, 16)).ToString();

    /// <summary>
    /// The four roles in the first group that has them all as different people: its leader, an activist whose
    /// mentor is neither the leader nor the secretary, that mentor, and the branch secretary (书记); then two more
    /// people (role "member"). Null when the roster has no such group.
    /// </summary>
    public static async Task<IReadOnlyList<Person>?> PeopleAsync(BranchDbContext db, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Include(m => m.Mentors).OrderBy(m => m.StudentNumber).ToListAsync(ct);
        var byId = members.ToDictionary(m => m.Id);
        if (members.FirstOrDefault(m => m.Roles.HasFlag(Domain.Roles.Secretary)) is not { } secretary) return null;
        foreach (var leader in members.Where(m => m.IsGroupLeader && m.Id != secretary.Id))
        {
            var student = members.FirstOrDefault(m => m.GroupId == leader.GroupId && m.Stage == Stage.Activist && m.Mentors.Count > 0
                && m.Mentors.All(a => a.MentorId != leader.Id && a.MentorId != secretary.Id));
            if (student is null || !byId.TryGetValue(student.Mentors[0].MentorId, out var mentor)) continue;
            List<Person> people = [new("leader", leader), new("student", student), new("mentor", mentor), new("secretary", secretary)];
            // The Playground wants at least five users besides the current one: two more of the group (then of the branch).
            var others = members.Where(m => people.All(p => p.Member.Id != m.Id)).OrderBy(m => m.GroupId != leader.GroupId).Take(2);
            return [.. people, .. others.Select(m => new Person(OtherRole, m))];
        }
        return null;
    }

    /// <summary>The Playground's YAML with <paramref name="current"/> as the current user and everyone else as users.</summary>
    public static string Yaml(IReadOnlyList<Person> people, string current)
    {
        var yaml = new StringBuilder();
        void Line(string text) => yaml.Append(text).Append('\n');
        Line("version: \"0.1.1\"");
        Line("tenantId: \"00000000-0000-0000-0000-0000000000aa\"");
        Line("bot:");
        Line("  id: \"00000000-0000-0000-0000-0000000000bb\"");
        Line("  name: \"BranchBot\"");
        Line("currentUser:");
        User(people.Single(p => p.Role == current), "  ", "  ");
        Line("users:");
        foreach (var person in people.Where(p => p.Role != current)) User(person, "  - ", "    ");
        Line("personalChat:");
        Line("  id: \"personal-chat\"");
        Line("groupChat:");
        Line("  id: \"group-chat\"");
        Line("  name: \"党小组\"");
        Line("team:");
        Line("  id: \"team\"");
        Line("  name: \"学生党支部\"");
        Line("  aadGroupId: \"00000000-0000-0000-0000-0000000000cc\"");
        Line("  channels: []");
        return yaml.ToString();

        void User(Person person, string first, string rest)
        {
            var m = person.Member;
            var email = m.Email ?? "";
            Line($"{first}id: {Quoted(person.TeamsId)}");
            Line($"{rest}name: {Quoted(m.Name)}");
            Line($"{rest}userPrincipleName: {Quoted(email)}");
            Line($"{rest}aadObjectId: {Quoted(person.AadObjectId)}");
            Line($"{rest}givenName: {Quoted(m.Name.Length > 1 ? m.Name[1..] : m.Name)}");
            Line($"{rest}surname: {Quoted(m.Name.Length > 1 ? m.Name[..1] : "")}");
            Line($"{rest}email: {Quoted(email)}");
        }
    }

    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>One line per person for the terminal: who each role is.</summary>
    public static string Describe(IReadOnlyList<Person> people, string current) =>
        string.Join('\n', people.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{(p.Role == current ? "*" : " ")} {p.Role,-9} {p.Member.Name} ({p.Member.StudentNumber}, {p.Member.Email})")));
}
