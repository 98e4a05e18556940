namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>What tells the two classes of each flower kind apart in <see cref="HarderFlowerSet"/>.</summary>
internal enum FlowerPairs
{
    /// <summary>Shape: each kind and its look-alike (a few broad petals, an open cup, a small disc...).</summary>
    Shape,

    /// <summary>Tone: each kind plain and under a 12% darker, bluer "dusk" light, within a ±25% random exposure.</summary>
    Tone,
}
