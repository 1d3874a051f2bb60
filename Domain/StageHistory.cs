namespace BranchBot.Domain;

/// <summary>Where a stage change came from.</summary>
public enum StageChangeSource
{
    /// <summary>A roster file gave the person a stage they did not hold.</summary>
    Import = 1,
    /// <summary>A stage's start date was corrected, or a stage was back-dated over recorded history.</summary>
    Correction = 2,
    /// <summary>The committee moved the person on (development, conversion).</summary>
    CommitteeAction = 3,
}

/// <summary>
/// A dated fact of a person's history: from <see cref="Since"/> on, they held <see cref="Stage"/>. Facts are only ever
/// added; a correction is a new fact that overrides what it contradicts (see <see cref="StageTimeline"/>).
/// </summary>
public sealed class StageChange
{
    private StageChange() { }

    /// <summary>Creates a stage change; <paramref name="recordedOn"/> is the branch-local day it was recorded, when known.</summary>
    public StageChange(Stage stage, DateOnly since, StageChangeSource source, DateOnly? recordedOn)
    {
        if (!Enum.IsDefined(stage)) throw new ArgumentOutOfRangeException(nameof(stage));
        if (!Enum.IsDefined(source)) throw new ArgumentOutOfRangeException(nameof(source));
        Stage = stage;
        Since = since;
        Source = source;
        RecordedOn = recordedOn;
    }

    /// <summary>Database id; also the order in which the facts were recorded.</summary>
    public int Id { get; private set; }
    /// <summary>Whose stage.</summary>
    public int MemberId { get; private set; }
    /// <summary>The stage held from <see cref="Since"/>.</summary>
    public Stage Stage { get; private set; }
    /// <summary>The local date the stage began.</summary>
    public DateOnly Since { get; private set; }
    /// <summary>Import, correction or committee action.</summary>
    public StageChangeSource Source { get; private set; }
    /// <summary>The local day it was recorded; null for the stage a person had when the history began to be kept.</summary>
    public DateOnly? RecordedOn { get; private set; }
}

/// <summary>A stage held from <see cref="Since"/> up to, not including, <see cref="Until"/> (null: still held).</summary>
public readonly record struct StageInterval(Stage Stage, DateOnly Since, DateOnly? Until)
{
    /// <summary>Whether the stage was held on the date.</summary>
    public bool Contains(DateOnly date) => date >= Since && (Until is not { } until || date < until);
}

/// <summary>Turns a person's stage changes into the stages they held, oldest first.</summary>
public static class StageTimeline
{
    /// <summary>
    /// Replays the changes in the order they were recorded. A change ends the stages that began on or after its date
    /// (what is recorded later about a date wins); a correction of the stage then held re-dates it instead of
    /// following it; a change to the stage already held changes nothing.
    /// </summary>
    public static IReadOnlyList<StageInterval> Of(IEnumerable<StageChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var starts = new List<(Stage Stage, DateOnly Since)>();
        // Unsaved changes (id 0) come last, in the order they were made.
        foreach (var change in changes.OrderBy(c => c.Id == 0 ? int.MaxValue : c.Id))
        {
            starts.RemoveAll(s => s.Since >= change.Since);
            if (change.Source == StageChangeSource.Correction && starts.Count > 0 && starts[^1].Stage == change.Stage) starts.RemoveAt(starts.Count - 1);
            if (starts.Count == 0 || starts[^1].Stage != change.Stage) starts.Add((change.Stage, change.Since));
        }
        return [.. starts.Select((s, i) => new StageInterval(s.Stage, s.Since, i + 1 < starts.Count ? starts[i + 1].Since : null))];
    }
}
