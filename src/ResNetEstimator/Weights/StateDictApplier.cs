using static TorchSharp.torch;

namespace MlNetResNet.Weights;

/// <summary>
/// Copies a state dict (name → tensor, any source) into a <see cref="ResNet"/> the way PyTorch's
/// <c>load_state_dict</c> does, after checking everything first: either all checks pass and the values are
/// copied, or an exception is thrown and the network is untouched.
/// </summary>
internal static class StateDictApplier
{
    private const string DataParallelPrefix = "module.";
    private const string ClassifierWeight = "fc.weight";
    private const string ClassifierBias = "fc.bias";
    private const string BatchCounterSuffix = ".num_batches_tracked";

    /// <param name="net">The network to load into.</param>
    /// <param name="tensors">The file's state dict (keys may carry a <c>module.</c> prefix; any CPU dtype).</param>
    /// <param name="strict">Throw on missing, unexpected or mismatched keys (a differing class count in
    /// <c>fc</c> is skipped and reported, not an error).</param>
    /// <param name="source">The file, named in exceptions and the report.</param>
    /// <param name="sourceDescription">The file with format details, for the report; defaults to <paramref name="source"/>.</param>
    public static WeightLoadReport Apply(ResNet net, IReadOnlyDictionary<string, Tensor> tensors, bool strict, string source,
        string? sourceDescription = null)
    {
        var (file, strippedPrefix) = StripDataParallelPrefix(tensors, source);
        var targets = StateDictOrder.Entries(net);
        var report = new WeightLoadReport(source, sourceDescription ?? source, strict, targets.Count) { StrippedPrefix = strippedPrefix };
        var skippedClassifier = ClassifierSkipReason(net, file);
        var mismatched = new List<string>();
        var toCopy = new List<(Tensor Target, Tensor Value)>();
        var toZero = new List<Tensor>();

        foreach (var (key, target) in targets)
        {
            if (skippedClassifier is not null && key is ClassifierWeight or ClassifierBias)
            {
                report.skipped.Add(new SkippedWeight(key, skippedClassifier));
            }
            else if (!file.TryGetValue(key, out var value))
            {
                if (key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal))
                {
                    report.defaulted.Add(key);
                    toZero.Add(target);
                }
                else
                {
                    report.missing.Add(key);
                }
            }
            else if (Incompatibility(target, value) is { } problem)
            {
                mismatched.Add($"{key} ({problem})");
                report.skipped.Add(new SkippedWeight(key, problem));
            }
            else
            {
                if (value.dtype != target.dtype) report.conversions.Add(new DtypeConversion(key, value.dtype, target.dtype));
                report.loaded.Add(key);
                toCopy.Add((target, value));
            }
        }
        var known = targets.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in file.Keys)
        {
            if (known.Contains(key)) continue;
            if (skippedClassifier is not null && key is ClassifierWeight or ClassifierBias)
                report.skipped.Add(new SkippedWeight(key, skippedClassifier));
            else
                report.unexpected.Add(key);
        }

        if (strict && (report.missing.Count > 0 || report.unexpected.Count > 0 || mismatched.Count > 0))
            throw new WeightLoadException(source, StrictFailure(net, report, mismatched));
        if (toCopy.Count == 0)
            throw new WeightLoadException(source, $"no tensor in the file fits the {net.Spec.TorchvisionName} network. {report}");

        using (no_grad())
        {
            foreach (var (target, value) in toCopy) target.copy_(value);
            foreach (var target in toZero) target.zero_();
        }
        return report;
    }

    // DataParallel / DistributedDataParallel save every key as "module.<key>" (nested wrappers repeat it).
    private static (Dictionary<string, Tensor> Tensors, string? Prefix) StripDataParallelPrefix(
        IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        var result = new Dictionary<string, Tensor>(tensors.Count, StringComparer.Ordinal);
        bool stripped = false;
        foreach (var (key, value) in tensors)
        {
            string name = key;
            while (name.StartsWith(DataParallelPrefix, StringComparison.Ordinal))
            {
                name = name[DataParallelPrefix.Length..];
                stripped = true;
            }
            if (!result.TryAdd(name, value))
                throw new WeightLoadException(source, $"the keys '{key}' and '{name}' both name '{name}' once the '{DataParallelPrefix}' prefix is removed.");
        }
        return (result, stripped ? DataParallelPrefix : null);
    }

    // fc is skipped (not an error) when the file's classifier fits the features but has another class count,
    // or when the network was built without one.
    private static string? ClassifierSkipReason(ResNet net, Dictionary<string, Tensor> file)
    {
        bool hasWeight = file.TryGetValue(ClassifierWeight, out var weight);
        bool hasBias = file.TryGetValue(ClassifierBias, out var bias);
        if (!hasWeight && !hasBias) return null;
        if (net.Head is null) return "the network has no classifier head (includeTop: false).";
        if (weight is null || bias is null || weight.dim() != 2 || bias.dim() != 1 || weight.shape[0] != bias.shape[0]
            || weight.shape[1] != net.FeatureDimension || weight.shape[0] == net.NumClasses)
            return null; // a genuine mismatch (or a match): reported key by key
        return $"the file's classifier has {weight.shape[0]} classes, the network {net.NumClasses}; fc keeps its fresh initialisation.";
    }

    private static string? Incompatibility(Tensor target, Tensor value)
    {
        if (!target.shape.SequenceEqual(value.shape))
            return $"shape [{string.Join(", ", value.shape)}] in the file, [{string.Join(", ", target.shape)}] in the network";
        if (target.is_floating_point() != value.is_floating_point() || value.dtype == ScalarType.Bool)
            return $"dtype {value.dtype} in the file, {target.dtype} in the network";
        return null;
    }

    private static string StrictFailure(ResNet net, WeightLoadReport report, List<string> mismatched)
    {
        var parts = new List<string>();
        if (mismatched.Count > 0) parts.Add($"{mismatched.Count} tensors do not fit: {KeyList.Format(mismatched, 8)}");
        if (report.MissingKeys.Count > 0) parts.Add($"{report.MissingKeys.Count} missing from the file: {KeyList.Format(report.MissingKeys)}");
        if (report.UnexpectedKeys.Count > 0) parts.Add($"{report.UnexpectedKeys.Count} unexpected in the file: {KeyList.Format(report.UnexpectedKeys)}");
        return $"the state dict does not match the {net.Spec.TorchvisionName} network ({string.Join("; ", parts)}). " +
               "Nothing was loaded; pass strict: false to load the tensors that fit.";
    }
}
