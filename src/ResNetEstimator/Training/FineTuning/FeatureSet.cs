using static TorchSharp.torch;

namespace MlNetResNet.Training.FineTuning;

/// <summary>Pooled backbone features, one row per (image, view), with each row's label; images that were skipped have no row.</summary>
internal sealed record FeatureSet(float[] Values, int[] Labels, int Dimension)
{
    public int Rows => Labels.Length;

    /// <summary>The features as a new <c>[Rows, Dimension]</c> tensor on <paramref name="device"/>.</summary>
    public Tensor FeaturesOn(Device device) => tensor(Values, new long[] { Rows, Dimension }).to(device);

    /// <summary>The labels as a new int64 tensor on <paramref name="device"/>, as cross-entropy takes them.</summary>
    public Tensor LabelsOn(Device device) => tensor(Labels.Select(label => (long)label).ToArray()).to(device);
}
