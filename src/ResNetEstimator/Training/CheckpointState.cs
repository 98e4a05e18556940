namespace MlNetResNet.Training;

/// <summary>
/// What a checkpoint records besides the weights: enough to check it belongs to this run and to continue
/// exactly where it stopped (the data order and augmentation follow from the seed and the epoch number).
/// </summary>
internal sealed record CheckpointState
{
    public const int CurrentFormat = 2;

    public int Format { get; init; } = CurrentFormat;
    public string Architecture { get; init; } = "";
    public int NumClasses { get; init; }
    public int ImageSize { get; init; }
    public string Optimizer { get; init; } = "";
    public int Seed { get; init; }

    /// <summary>Weights were channels-last: the optimizer moments follow the weights' memory order.</summary>
    public bool ChannelsLast { get; init; }

    /// <summary>Last completed epoch (1-based).</summary>
    public int Epoch { get; init; }

    public ProgressState Progress { get; init; } = new();
    public List<EpochMetrics> History { get; init; } = new();
}
