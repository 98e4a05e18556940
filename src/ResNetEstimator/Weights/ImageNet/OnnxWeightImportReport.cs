namespace MlNetResNet.Weights.ImageNet;

/// <summary>What an ONNX weight import did.</summary>
/// <param name="Source">The ONNX file read.</param>
/// <param name="ConvolutionsLoaded">Convolutions whose weights were copied.</param>
/// <param name="BatchNormsLoaded">Batch norms whose affine parameters and running statistics were copied.</param>
/// <param name="HeadLoaded">Whether the fc layer was loaded (false when the graph ends at the pooled features).</param>
/// <param name="BlocksPerStage">Residual blocks per stage found in the graph.</param>
/// <param name="Notes">Everything adapted on the way (input preprocessing folded, asymmetric pads, epsilon).</param>
public sealed record OnnxWeightImportReport(
    string Source, int ConvolutionsLoaded, int BatchNormsLoaded, bool HeadLoaded, int[] BlocksPerStage, IReadOnlyList<string> Notes)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Source}: {ConvolutionsLoaded} convolutions, {BatchNormsLoaded} batch norms, head {(HeadLoaded ? "loaded" : "not loaded")}, " +
        $"blocks [{string.Join(", ", BlocksPerStage)}]" + (Notes.Count > 0 ? "; " + string.Join("; ", Notes) : "");
}
