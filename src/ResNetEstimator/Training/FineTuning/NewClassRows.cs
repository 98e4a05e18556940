using static TorchSharp.torch;

namespace MlNetResNet.Training.FineTuning;

/// <summary>
/// Training on from a saved model with classes it never saw (<see cref="PretrainedWeights.FromModel"/>): before the first
/// epoch, the new classes' head rows are fitted on the pooled features of the training images while every saved row keeps
/// its values. A freshly initialised row scores at random: one epoch of the default run left it at 0.08 accuracy on the
/// new class, and a head-only epoch at 1e-3 that pulled it to 0.76 dragged the old classes from 0.94 to 0.89. Fitted
/// first, it starts where the saved rows already are (AddingAClassTests).
/// </summary>
internal static class NewClassRows
{
    /// <summary>
    /// One pass of the backbone over <paramref name="train"/> (eval mode, float32, as validation computes), then the head
    /// trained on those features with only <paramref name="rows"/> free. Unreadable images are left out here and handled by
    /// the training run's own policy.
    /// </summary>
    public static void Fit(ResNet network, Device device, ResNetTrainerOptions options, IImageSampleSource train,
        IReadOnlyList<int> rows, int workers)
    {
        var token = options.CancellationToken;
        var extractor = new FeatureExtractor(network, device, options, store: null, workers);
        FeatureSet features;
        try
        {
            features = extractor.Extract(train, new SkippedImageLog("training"), views: 0, outOfTime: () => false, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run that follows sees the cancellation at once and returns as a cancelled run does.
            return;
        }
        if (features.Rows == 0) return;
        var noValidation = new FeatureSet([], [], features.Dimension);
        var outcome = HeadTraining.Train(network.Head!, features, noValidation, HeadSettings.For(options), device, () => false, token, rows);
        options.Log?.Invoke(FormattableString.Invariant(
            $"ResNetTrainer: {rows.Count} new class row(s) fitted on the features of {features.Rows} training images ({outcome.EpochsRun} head epochs, {outcome.Seconds:F1} s); the saved rows are unchanged."));
    }
}
