using System.Collections.Concurrent;

namespace MlNetResNet.Training;

/// <summary>Samples left out because they could not be decoded; thread-safe, each sample recorded once.</summary>
internal sealed class SkippedImageLog
{
    private readonly ConcurrentDictionary<int, string> reasons = new();

    public SkippedImageLog(string setName) => SetName = setName;

    /// <summary>"training" or "validation", used in reports.</summary>
    public string SetName { get; }

    public int Count => reasons.Count;

    public bool Contains(int index) => reasons.ContainsKey(index);

    public void Add(int index, InvalidImageException reason) => reasons.TryAdd(index, reason.Message);

    /// <summary>One line per skipped sample, in sample order.</summary>
    public IEnumerable<string> Describe() =>
        reasons.OrderBy(entry => entry.Key).Select(entry => $"{SetName}: {entry.Value}");
}
