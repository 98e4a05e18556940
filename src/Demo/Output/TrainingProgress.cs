using System.Globalization;
using System.Diagnostics;
using Spectre.Console;

namespace MlNetResNet.Demo.Output;

/// <summary>
/// Shows training progress: on a terminal, an epoch bar and a batch bar with loss, images/s and ETA (Spectre.Console);
/// otherwise a plain line per epoch and one every ~10 s within an epoch.
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="work"/> with a progress display for <paramref name="epochs"/> epochs.</summary>
    public static T Run<T>(int epochs, Func<ITrainingProgress, T> work)
    {
        if (!Terminal.IsInteractive) return work(new PlainProgress(epochs));
        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var epochTask = context.AddTask($"epoch 1/{epochs}", maxValue: epochs);
                var batchTask = context.AddTask("loading images and weights", maxValue: 1);
                return work(new LiveProgress(epochs, epochTask, batchTask));
            });
    }

    private static string Describe(BatchProgress batch, int epochs, double etaSeconds) =>
        $"epoch {batch.Epoch}/{epochs} batch {batch.Batch}/{batch.BatchCount} loss {batch.Loss:F4} {batch.ImagesPerSecond:F1} img/s ETA {Eta(etaSeconds)}";

    private static string Describe(EpochMetrics epoch, int epochs) =>
        $"epoch {epoch.Epoch}/{epochs}: train loss {epoch.TrainLoss:F4}, val loss {epoch.ValidationLoss:F4}, " +
        $"val accuracy {epoch.ValidationAccuracy:P1}, lr {epoch.LearningRate:0.###e+0}, {epoch.Seconds:F1} s, " +
        $"{epoch.TrainImagesPerSecond:F1} img/s" + (epoch.SkippedImages > 0 ? $", {epoch.SkippedImages} images skipped (undecodable)" : "");

    private static string Eta(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "-";

    /// <summary>Estimated seconds left from the batches done so far across all epochs.</summary>
    private sealed class Clock(int epochs)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public double Remaining(BatchProgress batch)
        {
            double done = (batch.Epoch - 1) * (double)batch.BatchCount + batch.Batch;
            double total = epochs * (double)batch.BatchCount;
            return _watch.Elapsed.TotalSeconds / done * (total - done);
        }
    }

    private sealed class LiveProgress(int epochs, ProgressTask epochTask, ProgressTask batchTask) : ITrainingProgress
    {
        public void OnBatch(BatchProgress batch)
        {
            batchTask.MaxValue = batch.BatchCount;
            // Fractional epochs, so the overall bar's remaining-time column estimates the whole run.
            epochTask.Value = batch.Epoch - 1 + batch.Batch / (double)batch.BatchCount;
            batchTask.Value = batch.Batch;
            // The bars' own columns show the time left; the description keeps to what they cannot show.
            batchTask.Description = Markup.Escape(batch.Batch == batch.BatchCount
                ? $"epoch {batch.Epoch}/{epochs} validating"
                : $"epoch {batch.Epoch}/{epochs} batch {batch.Batch}/{batch.BatchCount} loss {batch.Loss:F3} {batch.ImagesPerSecond:F1} img/s");
        }

        public void OnEpoch(EpochMetrics epoch)
        {
            epochTask.Value = epoch.Epoch;
            epochTask.Description = Markup.Escape($"epoch {epoch.Epoch}/{epochs}: val accuracy {epoch.ValidationAccuracy:P1}");
            AnsiConsole.MarkupLine(Markup.Escape(Describe(epoch, epochs)));
        }
    }

    private sealed class PlainProgress(int epochs) : ITrainingProgress
    {
        private readonly Clock _clock = new(epochs);
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

        public void OnBatch(BatchProgress batch)
        {
            if (_sinceLine.Elapsed.TotalSeconds < 10 && batch.Batch != 1) return;
            _sinceLine.Restart();
            Console.Out.WriteLine(Describe(batch, epochs, _clock.Remaining(batch)));
        }

        public void OnEpoch(EpochMetrics epoch)
        {
            _sinceLine.Restart();
            Console.Out.WriteLine(Describe(epoch, epochs));
        }
    }
}
