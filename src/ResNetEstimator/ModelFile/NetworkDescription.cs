namespace MlNetResNet.ModelFile;

/// <summary>
/// The JSON entry beside the weights in model.zip: what is needed to rebuild the trainable network (its architecture
/// row, block counts included, since the ImageNet ResNet-18 has 2-2-2-3) and to read its outputs (class names in
/// <c>fc</c> row order) and inputs (crop and resize sizes).
/// </summary>
internal sealed record NetworkDescription
{
    /// <summary>The format this library writes; a file with another is refused with its number.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public string Architecture { get; init; } = "";

    public string TorchvisionName { get; init; } = "";

    public string Block { get; init; } = "";

    public int[] Layers { get; init; } = [];

    public int Groups { get; init; }

    public int WidthPerGroup { get; init; }

    public string[] ClassNames { get; init; } = [];

    public int ImageSize { get; init; }

    public int ResizeSize { get; init; }

    /// <summary>The temperature the scoring graph divides the logits by; the weights entry holds the logits before it.</summary>
    public double Temperature { get; init; } = 1;

    public static NetworkDescription Of(ArchitectureSpec spec, IReadOnlyList<string> classNames, int imageSize, int resizeSize,
        double temperature) => new()
    {
        Architecture = spec.Architecture.ToString(),
        TorchvisionName = spec.TorchvisionName,
        Block = spec.Block.ToString(),
        Layers = spec.Layers.ToArray(),
        Groups = spec.Groups,
        WidthPerGroup = spec.WidthPerGroup,
        ClassNames = classNames.ToArray(),
        ImageSize = imageSize,
        ResizeSize = resizeSize,
        Temperature = temperature,
    };
}
