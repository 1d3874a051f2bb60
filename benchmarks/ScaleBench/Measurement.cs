using System.Diagnostics;
using System.Globalization;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.ScaleBench;

// What the bot does at scale, each with a fresh DbContext as a turn or a job would have it:
// a group leader's "overdue" (load the group, compute its open obligations and this month's completion) and
// the reminder sweep over the whole branch (every open obligation with a reminder time already reached).
public sealed class Measurement(string connectionString, Branch branch, Policy policy, DateTimeOffset now, int groupsMeasured)
{
    // Enough turns for tiered JIT to settle, as in a bot that has been up for a while.
    private const int WarmUp = 100;
    private const int SweepChunk = 1_000;
    private readonly DateOnly _today = branch.LocalDate(now);

    public async Task RunAsync(CancellationToken ct)
    {
        List<int> groupIds;
        await using (var db = NewContext()) groupIds = await db.Groups.Select(g => g.Id).ToListAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"now {now:yyyy-MM-dd HH:mm zzz}, tracking since {branch.TrackingStartsOn:yyyy-MM-dd}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));

        var halfYear = Period.Containing(Cadence.HalfYearly, _today).Start;
        AcademicCalendar spans;
        await using (var db = NewContext()) spans = await new FactReader(db).SpansAsync(ct);
        (string Label, DateOnly Since)[] fixedWindows =
            [("since tracking start", branch.TrackingStartsOn), ("since half-year start", halfYear), ("current periods", _today)];
        // First what the bot's overdue list reads (ScheduleLoading.StillOpenAsync: the window of what may still be open
        // today for the group, with the calendar's spans as the turn has them cached), then the fixed windows.
        (string Label, GroupLoad Load)[] windows =
        [
            ("the overdue list's window: what may still be open today", (db, groupId) =>
                new ObligationLoader(db).StillOpenForGroupAsync(groupId, branch, policy, _today, spans, ct)),
            .. fixedWindows.Select(w => (w.Label, Since(w.Since))),
        ];
        // Warm up every window before timing any (the first calls pay tiered JIT, which a bot that has been up for a
        // while has paid already), then time them interleaved, group by group, so that no window is measured while
        // the runtime is still compiling and another after it has settled (measured one after the other, the first
        // window's p99 came out twice the same window's measured last).
        var random = new Random(7);
        for (var i = 0; i < WarmUp; i++)
            foreach (var (_, load) in windows) await OneGroupAsync(groupIds[random.Next(groupIds.Count)], load, ct);
        await GroupSummariesAsync(groupIds, random, windows, ct);
        Memory("after the group summaries");
        // The reminder job's own load first (BranchSnapshot.LoadAsync: FactReader.StillOpenWindowAsync, then the facts of
        // that window only), so that the peak memory printed after it is what a process that serves turns and runs
        // the jobs reaches; the fixed windows after it are for comparison and raise the peak of this process only.
        var catchUpDays = 7;
        for (var run = 1; run <= 3; run++)
            await SweepAsync($"reminder job's window, catch-up {catchUpDays} days", async db =>
            {
                var chaseFrom = HandInWindow.ChaseFrom(branch.TrackingStartsOn, _today);
                var window = await new FactReader(db).StillOpenWindowAsync(policy, chaseFrom, _today.AddDays(-catchUpDays), _today, ct);
                if (run == 1) Console.WriteLine($"reminder job's window: {window}");
                return await new ObligationLoader(db).ForBranchAsync(branch, policy, _today, window, ct);
            }, run, ct);
        Memory("after the reminder job's window");
        foreach (var (label, since) in fixedWindows)
            for (var run = 1; run <= 3; run++)
                await SweepAsync(label, db => new ObligationLoader(db).ForBranchAsync(branch, policy, _today, since, ct), run, ct);
        Memory("whole run");
    }

    private static void Memory(string label)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory ({label}): peak working set {Mb(process.PeakWorkingSet64)} MB, GC heap after last GC {Mb(gc.HeapSizeBytes)} MB, committed {Mb(gc.TotalCommittedBytes)} MB, allocated in total {Mb(GC.GetTotalAllocatedBytes())} MB, gen2 collections {GC.CollectionCount(2)}, server GC {System.Runtime.GCSettings.IsServerGC}; now {Rss()}"));
    }

    // The resident set now, split as the kernel counts it (/proc/self/status): anonymous memory (the GC heap, the
    // runtime, SQLite's own page cache) and file-backed pages (the code; with a SQLite memory map, which BranchBot no
    // longer sets, also every database page read, 115 MB of a 124 MB database file).
    private static string Rss()
    {
        if (!File.Exists("/proc/self/status")) return "RSS n/a";
        var fields = File.ReadLines("/proc/self/status").Select(l => l.Split(':', 2)).Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1].Trim());
        string Field(string name) => fields.TryGetValue(name, out var v) ? v.Replace(" kB", "", StringComparison.Ordinal) : "?";
        string AsMb(string kb) => long.TryParse(kb, out var k) ? (k / 1024.0).ToString("F0", CultureInfo.InvariantCulture) : kb;
        return $"RSS {AsMb(Field("VmRSS"))} MB (anonymous {AsMb(Field("RssAnon"))} MB, file-backed {AsMb(Field("RssFile"))} MB)";
    }

    private delegate Task<LoadedSchedule> GroupLoad(BranchDbContext db, int groupId);

    private GroupLoad Since(DateOnly since) => (db, groupId) => new ObligationLoader(db).ForGroupAsync(groupId, branch, policy, _today, since, ct: default);

    private async Task GroupSummariesAsync(List<int> groupIds, Random random, (string Label, GroupLoad Load)[] windows, CancellationToken ct)
    {
        var measured = windows.Select(_ => new Summaries(groupsMeasured)).ToArray();
        for (var i = 0; i < groupsMeasured; i++)
        {
            var groupId = groupIds[random.Next(groupIds.Count)];
            for (var w = 0; w < windows.Length; w++)
            {
                var cpu = Cpu();
                var clock = Stopwatch.StartNew();
                var (o, d, m, loaded) = await OneGroupAsync(groupId, windows[w].Load, ct);
                measured[w].Add(clock.Elapsed.TotalMilliseconds, loaded.TotalMilliseconds, (Cpu() - cpu).TotalMilliseconds, o, d, m);
            }
        }
        for (var w = 0; w < windows.Length; w++) measured[w].Print(windows[w].Label);
    }

    private sealed class Summaries(int capacity)
    {
        private readonly List<double> _times = new(capacity);
        private readonly List<double> _loads = new(capacity);
        private double _cpu;
        private long _open, _overdue, _owed;

        public void Add(double time, double load, double cpu, int open, int overdue, int owed)
        {
            _times.Add(time);
            _loads.Add(load);
            _cpu += cpu;
            _open += open;
            _overdue += overdue;
            _owed += owed;
        }

        public void Print(string label)
        {
            var n = (double)_times.Count;
            _times.Sort();
            _loads.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"group overdue summary ({label}), {_times.Count} groups: p50 {Percentile(_times, 0.50):F2} ms, p99 {Percentile(_times, 0.99):F2} ms, max {_times[^1]:F2} ms (load alone p50 {Percentile(_loads, 0.50):F2} ms, p99 {Percentile(_loads, 0.99):F2} ms), CPU {_cpu / n:F2} ms per group; per group {_open / n:F1} open, {_overdue / n:F1} overdue, {_owed / n:F1} owed this month"));
        }
    }

    private async Task<(int Open, int Overdue, int OwedThisMonth, TimeSpan Load)> OneGroupAsync(int groupId, GroupLoad load, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = NewContext();
        var loaded = await load(db, groupId);
        var loadTime = clock.Elapsed;
        var open = loaded.OpenAt(now);
        var month = loaded.Schedule.CompletionOf(loaded.Owners, Cadence.Monthly, _today, now);
        return (open.Count, open.Count(o => o.StatusOn(now) == ObligationStatus.Overdue), month.Owed, loadTime);
    }

    private async Task SweepAsync(string label, Func<BranchDbContext, Task<LoadedSchedule>> load, int run, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Cpu();
        await using var db = NewContext();
        var loaded = await load(db);
        var loadedAt = clock.Elapsed;
        var obligations = 0;
        var reminders = 0;
        // In chunks of owners: OpenAt builds every obligation since `since` before it filters the open ones, and a
        // whole branch's worth of them at once would double the peak memory for nothing.
        foreach (var chunk in loaded.Owners.Chunk(SweepChunk))
        {
            foreach (var o in loaded.Schedule.OpenAt(chunk, now, loaded.Since))
            {
                var due = 0;
                foreach (var at in o.ReminderTimes()) if (at <= now) due++;
                if (due == 0) continue;
                obligations++;
                reminders += due;
            }
        }
        var total = clock.Elapsed;
        var cpuUsed = Cpu() - cpu;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reminder sweep ({label}) run {run}: {total.TotalMilliseconds:F0} ms (load {loadedAt.TotalMilliseconds:F0} ms, compute {(total - loadedAt).TotalMilliseconds:F0} ms, CPU {cpuUsed.TotalMilliseconds:F0} ms); {loaded.Owners.Count:N0} people, {loaded.Schedule.Facts.Reports.Count + loaded.Schedule.Facts.Talks.Count + loaded.Schedule.Facts.Excuses.Count + loaded.Schedule.Facts.Extensions.Count + loaded.Schedule.Facts.Evaluations.Count:N0} facts read; {obligations:N0} open obligations with {reminders:N0} reminder times reached; heap {Mb(heap)} MB"));
    }

    // Process CPU time: less disturbed than wall time when other work shares the cores.
    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private BranchDbContext NewContext() => BranchDbContextFactory.Create(DatabaseProvider.Sqlite, connectionString);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
