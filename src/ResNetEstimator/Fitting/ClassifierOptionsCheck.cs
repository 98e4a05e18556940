namespace MlNetResNet.Fitting;

/// <summary>Rejects the ML.NET-side option values (columns, validation, image limit), naming the option.</summary>
internal static class ClassifierOptionsCheck
{
    // The scoring chain's helper columns start with this; an output of that name would be dropped with them.
    private const string HelperPrefix = "ResNetClassifier.";

    public static void Validate(ResNetClassifierOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        RequireName(o.LabelColumnName, nameof(o.LabelColumnName));
        RequireName(o.ImageColumnName, nameof(o.ImageColumnName));
        RequireOutputName(o.ScoreColumnName, nameof(o.ScoreColumnName));
        RequireOutputName(o.PredictedLabelColumnName, nameof(o.PredictedLabelColumnName));
        if (o.ScoreColumnName == o.PredictedLabelColumnName)
            throw new ArgumentException(
                $"ScoreColumnName and PredictedLabelColumnName are both '{o.ScoreColumnName}'; the two outputs need two names.",
                nameof(o.PredictedLabelColumnName));
        if (o.ValidationFraction is not (>= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(o.ValidationFraction), o.ValidationFraction,
                $"ValidationFraction must be in [0, 1); got {o.ValidationFraction}.");
        if (o.MaxImagePixels < 1)
            throw new ArgumentOutOfRangeException(nameof(o.MaxImagePixels), o.MaxImagePixels,
                $"MaxImagePixels must be positive; got {o.MaxImagePixels}.");
    }

    private static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"{option} must name a column.", option);
    }

    private static void RequireOutputName(string? name, string option)
    {
        RequireName(name, option);
        if (name!.StartsWith(HelperPrefix, StringComparison.Ordinal))
            throw new ArgumentException(
                $"{option} '{name}' starts with '{HelperPrefix}', which the classifier's own helper columns use; choose another name.", option);
    }
}
