using System.Text;
using MlNetResNet.Weights;
using static TorchSharp.torch;

namespace MlNetResNet;

/// <summary>What a weight load did: which tensors were loaded, converted, skipped, missing or unexpected.</summary>
public sealed class WeightLoadReport
{
    // Filled by StateDictApplier while it checks the state dict; read-only to everyone else.
    internal readonly List<string> loaded = new();
    internal readonly List<string> missing = new();
    internal readonly List<string> unexpected = new();
    internal readonly List<SkippedWeight> skipped = new();
    internal readonly List<string> defaulted = new();
    internal readonly List<DtypeConversion> conversions = new();

    internal WeightLoadReport(string source, string sourceDescription, bool strict, int networkTensorCount)
    {
        Source = source;
        SourceDescription = sourceDescription;
        Strict = strict;
        NetworkTensorCount = networkTensorCount;
    }

    /// <summary>The file the weights came from.</summary>
    public string Source { get; }

    /// <summary>The file with its format and, if any, the key the state dict was wrapped under.</summary>
    public string SourceDescription { get; }

    /// <summary>Whether the load ran in strict mode.</summary>
    public bool Strict { get; }

    /// <summary>Parameters and buffers the network has.</summary>
    public int NetworkTensorCount { get; }

    /// <summary>Network keys that received the file's values, in state-dict order.</summary>
    public IReadOnlyList<string> LoadedKeys => loaded;

    /// <summary>Network keys the file lacks; they keep their previous values.</summary>
    public IReadOnlyList<string> MissingKeys => missing;

    /// <summary>File keys the network does not have.</summary>
    public IReadOnlyList<string> UnexpectedKeys => unexpected;

    /// <summary>Keys present on both sides but not loaded (e.g. <c>fc</c> when the class count differs).</summary>
    public IReadOnlyList<SkippedWeight> SkippedKeys => skipped;

    /// <summary>
    /// <c>num_batches_tracked</c> buffers absent from the file (checkpoints older than PyTorch 0.4.1), set to 0 as
    /// PyTorch's BatchNorm does.
    /// </summary>
    public IReadOnlyList<string> DefaultedKeys => defaulted;

    /// <summary>Loaded tensors whose stored dtype was converted (e.g. float16 to float32).</summary>
    public IReadOnlyList<DtypeConversion> DtypeConversions => conversions;

    /// <summary>The data-parallel prefix removed from the file's keys (<c>"module."</c>), or null.</summary>
    public string? StrippedPrefix { get; internal set; }

    /// <summary>
    /// True when every network tensor came from the file (or is a defaulted <c>num_batches_tracked</c>) and the
    /// file had nothing else.
    /// </summary>
    public bool IsComplete => missing.Count == 0 && unexpected.Count == 0 && skipped.Count == 0;

    /// <summary>A few lines a person can read: counts first, then the keys that need attention.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Loaded {loaded.Count} of {NetworkTensorCount} network tensors from {SourceDescription}{(Strict ? "" : " (non-strict)")}.");
        if (StrippedPrefix is not null) text.AppendLine($"Stripped the prefix '{StrippedPrefix}' from the file's keys.");
        foreach (var group in conversions.GroupBy(c => (c.From, c.To)))
            text.AppendLine($"Converted {group.Count()} tensors from {group.Key.From} to {group.Key.To}.");
        if (defaulted.Count > 0)
            text.AppendLine($"Set {defaulted.Count} num_batches_tracked buffers to 0 (absent in the file, as in checkpoints before PyTorch 0.4.1).");
        foreach (var group in skipped.GroupBy(s => s.Reason))
            text.AppendLine($"Skipped {string.Join(", ", group.Select(s => s.Key))}: {group.Key}");
        if (missing.Count > 0) text.AppendLine($"Missing from the file ({missing.Count}): {KeyList.Format(missing)}");
        if (unexpected.Count > 0) text.AppendLine($"Unexpected in the file ({unexpected.Count}): {KeyList.Format(unexpected)}");
        return text.ToString().TrimEnd();
    }
}
