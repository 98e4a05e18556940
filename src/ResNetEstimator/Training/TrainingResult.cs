namespace MlNetResNet;

/// <summary>What <c>ResNetTrainer.Train</c> produced.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(ResNet network, IReadOnlyList<EpochMetrics> history, int bestEpoch,
        IReadOnlyList<string> skippedDescriptions, bool cancelled, CalibrationResult? calibration = null)
    {
        Calibration = calibration;
        Network = network;
        History = history;
        BestEpoch = bestEpoch;
        SkippedDescriptions = skippedDescriptions;
        Cancelled = cancelled;
    }

    /// <summary>
    /// The trained network in eval mode, on the training device: the best validation epoch's weights when
    /// <see cref="ResNetTrainerOptions.KeepBestEpoch"/> is set (or when training was cancelled), else the last epoch's.
    /// The caller owns and disposes it.
    /// </summary>
    public ResNet Network { get; }

    /// <summary>Metrics of every completed epoch, including epochs before a resume.</summary>
    public IReadOnlyList<EpochMetrics> History { get; }

    /// <summary>1-based epoch whose weights <see cref="Network"/> holds; 0 when no epoch completed.</summary>
    public int BestEpoch { get; }

    /// <summary>Images left out because they could not be decoded (training and validation).</summary>
    public int SkippedImages => SkippedDescriptions.Count;

    /// <summary>One line per skipped image, naming it and the problem.</summary>
    public IReadOnlyList<string> SkippedDescriptions { get; }

    /// <summary>How the run was laid out (stages, planned epochs, measured throughput, precision); null for a plain Full run.</summary>
    public TrainingPlan? Plan { get; internal init; }

    /// <summary>
    /// The temperature fitted on the validation set when <see cref="ResNetTrainerOptions.Calibration"/> asks for it
    /// and there is validation data; null otherwise. <see cref="Network"/> itself is not scaled: exporters apply it.
    /// </summary>
    public CalibrationResult? Calibration { get; }

    /// <summary>
    /// True when the validation set was unbalanced (<see cref="ClassBalance.IsUnbalanced"/>), so the best epoch and
    /// early stopping followed macro accuracy instead of micro accuracy.
    /// </summary>
    public bool SelectedOnMacroAccuracy { get; init; }

    /// <summary>What the Auto settings and thread counts became for this run (also logged once through <see cref="ResNetTrainerOptions.Log"/>).</summary>
    public ResolvedChoices Resolved { get; internal set; } = null!;

    /// <summary>True when the cancellation token stopped training before the last epoch.</summary>
    public bool Cancelled { get; }
}
