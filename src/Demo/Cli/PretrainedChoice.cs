namespace MlNetResNet.Demo.Cli;

/// <summary>The <c>--pretrained</c> value: none, imagenet, a .pth file, or a saved model.zip to train on from.</summary>
public sealed record PretrainedChoice(PretrainedWeights Weights, string? Path = null)
{
    /// <summary>Parses <c>none</c>, <c>imagenet</c> (case-insensitive), a <c>.zip</c> path (a saved model) or a <c>.pth</c> path.</summary>
    public static PretrainedChoice Parse(string value) => value.ToLowerInvariant() switch
    {
        "none" => new PretrainedChoice(PretrainedWeights.None),
        "imagenet" => new PretrainedChoice(PretrainedWeights.ImageNet),
        var path when path.EndsWith(".zip", StringComparison.Ordinal) => new PretrainedChoice(PretrainedWeights.FromModel, value),
        _ => new PretrainedChoice(PretrainedWeights.File, value),
    };

    /// <inheritdoc />
    public override string ToString() => Weights switch
    {
        PretrainedWeights.None => "none",
        PretrainedWeights.ImageNet => "imagenet",
        _ => Path ?? "",
    };
}
