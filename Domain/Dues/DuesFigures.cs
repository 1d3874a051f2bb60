namespace BranchBot.Domain.Dues;

/// <summary>One month of the dues ledger: who owed, what was expected and collected, who has not paid, and the remittance.</summary>
public sealed record DuesMonth(Period Month, int Owing, int Paid, decimal Expected, decimal Collected, IReadOnlyList<int> Unpaid, IReadOnlyList<int> WithoutRate,
    decimal? Remitted, string? RemittanceReceipt);

/// <summary>One member's year: months owed and paid, and the yuan paid.</summary>
public sealed record DuesPersonYear(int MonthsOwed, int MonthsPaid, decimal Paid);

/// <summary>The dues ledger of a year: its months (up to the month asked for), the totals and a row per member.</summary>
public sealed record DuesYear(int Year, IReadOnlyList<DuesMonth> Months, decimal Expected, decimal Collected, decimal Remitted,
    IReadOnlyDictionary<int, DuesPersonYear> ByMember)
{
    /// <summary>The people with at least one unpaid month in the year.</summary>
    public IReadOnlyList<int> Unpaid => [.. Months.SelectMany(m => m.Unpaid).Distinct().Order()];
}

/// <summary>The figures of Party dues, for the ledger card and the yearly export.</summary>
public static class DuesFigures
{
    /// <summary>
    /// The months of <paramref name="year"/> that began by <paramref name="asOf"/>: per month the members who owed
    /// (<see cref="DuesRules.Owes"/>), the expected amount (their rates; a member without a rate is listed, not
    /// counted), what was collected for the month (also from people who no longer owe it), who has not paid, and the
    /// remittance. Exact decimals throughout.
    /// </summary>
    public static DuesYear For(int year, DateOnly asOf, IEnumerable<Member> members, IEnumerable<DuesRate> rates, IEnumerable<DuesPayment> payments,
        IEnumerable<DuesRemittance> remittances)
    {
        var people = members.ToList();
        var rateList = rates.ToList();
        var paid = payments.Where(p => p.Month.Year == year).ToList();
        var remitted = remittances.Where(r => r.Month.Year == year).ToDictionary(r => r.Month);
        var months = new List<DuesMonth>();
        var byMember = new Dictionary<int, (int Owed, int Paid, decimal Amount)>();
        for (var n = 1; n <= 12; n++)
        {
            var month = new Period(Cadence.Monthly, year, n);
            if (month.Start > asOf) break;
            var ofMonth = paid.Where(p => p.Month == month).ToDictionary(p => p.MemberId);
            var owing = people.Where(m => DuesRules.Owes(m, month)).ToList();
            var expected = 0m;
            var withoutRate = new List<int>();
            foreach (var m in owing)
                if (DuesRules.RateFor(rateList, m.Id, month) is { } rate) expected += rate;
                else withoutRate.Add(m.Id);
            var unpaid = owing.Where(m => !ofMonth.ContainsKey(m.Id)).Select(m => m.Id).Order().ToList();
            foreach (var m in owing)
            {
                var row = byMember.GetValueOrDefault(m.Id);
                byMember[m.Id] = (row.Owed + 1, row.Paid, row.Amount);
            }
            foreach (var p in ofMonth.Values)
            {
                var row = byMember.GetValueOrDefault(p.MemberId);
                byMember[p.MemberId] = (row.Owed, row.Paid + 1, row.Amount + p.Amount);
            }
            var r = remitted.GetValueOrDefault(month);
            months.Add(new DuesMonth(month, owing.Count, owing.Count(m => ofMonth.ContainsKey(m.Id)), expected, ofMonth.Values.Sum(p => p.Amount), unpaid,
                withoutRate, r?.Amount, r?.Receipt));
        }
        return new DuesYear(year, months, months.Sum(m => m.Expected), months.Sum(m => m.Collected), months.Sum(m => m.Remitted ?? 0m),
            byMember.ToDictionary(kv => kv.Key, kv => new DuesPersonYear(kv.Value.Owed, kv.Value.Paid, kv.Value.Amount)));
    }
}
