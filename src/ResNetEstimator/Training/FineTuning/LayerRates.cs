using TorchSharp.Modules;

namespace MlNetResNet.Training.FineTuning;

/// <summary>
/// Discriminative learning rates for the unfrozen stage: the stem learns at a tenth of the peak rate, each later
/// stage a step closer (geometrically), <c>fc</c> at the peak. Early layers hold the generic features stage 1 relied
/// on; moving them fast is what lost accuracy in a naive unfrozen epoch.
/// </summary>
internal static class LayerRates
{
    private const double StemMultiplier = 0.1;
    private static readonly string[] StagePrefixes = ["conv1.", "bn1.", "layer1.", "layer2.", "layer3.", "layer4.", "fc."];

    public static IReadOnlyList<(Parameter Parameter, double Multiplier)> For(ResNet network) =>
        network.named_parameters().Select(entry => (entry.parameter, MultiplierOf(entry.name))).ToList();

    /// <summary>0.1 for the stem, then 0.16, 0.25, 0.40, 0.63 for layer1..layer4 and 1 for fc.</summary>
    public static double MultiplierOf(string parameterName)
    {
        int index = Array.FindIndex(StagePrefixes, prefix => parameterName.StartsWith(prefix, StringComparison.Ordinal));
        if (index < 0) throw new ArgumentException($"'{parameterName}' belongs to no ResNet stage.", nameof(parameterName));
        int stage = Math.Max(0, index - 1); // conv1 and bn1 are both the stem
        const int lastStage = 5;
        return Math.Pow(StemMultiplier, (double)(lastStage - stage) / lastStage);
    }
}
