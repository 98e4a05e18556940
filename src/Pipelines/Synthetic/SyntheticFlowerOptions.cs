namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>Size and seed of the synthetic flower data set.</summary>
public sealed class SyntheticFlowerOptions
{
    /// <summary>Class folders written, in the seed's flower_photos names.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["daisy", "dandelion", "roses", "sunflowers", "tulips"];

    /// <summary>Training images per class. Default 80.</summary>
    public int TrainPerClass { get; init; } = 80;

    /// <summary>Validation images per class. Default 20.</summary>
    public int ValidationPerClass { get; init; } = 20;

    /// <summary>Side of the square images in pixels. Default 192.</summary>
    public int ImageSize { get; init; } = 192;

    /// <summary>Seed: the same seed gives the same bytes. Default 2024.</summary>
    public int Seed { get; init; } = 2024;

    /// <summary>JPEG quality, 1…100. Default 90.</summary>
    public int JpegQuality { get; init; } = 90;
}
