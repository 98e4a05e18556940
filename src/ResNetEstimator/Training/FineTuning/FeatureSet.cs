namespace MlNetResNet.Training.FineTuning;

/// <summary>Pooled backbone features, one row per (image, view), with each row's label; images that were skipped have no row.</summary>
internal sealed record FeatureSet(float[] Values, int[] Labels, int Dimension)
{
    public int Rows => Labels.Length;
}
