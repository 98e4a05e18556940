using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using MlNetResNet.Imaging;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Training.FineTuning;

/// <summary>
/// Trains <c>fc</c> alone on pooled features: Adam over shuffled mini-batches, the whole validation set scored after
/// every head epoch, the best (accuracy, then loss) kept, and stopped after <see cref="HeadSettings.Patience"/> epochs
/// in which neither accuracy nor loss improved. Same features, settings and thread count give the same head.
/// </summary>
internal static class HeadTraining
{
    // Without validation rows there is nothing to stop on: a fixed number of head epochs, the last one kept.
    private const int EpochsWithoutValidation = 30;
    private const double LossImprovement = 1e-4;

    public static HeadOutcome Train(Linear fc, FeatureSet train, FeatureSet validation, HeadSettings settings, Device device,
        Func<bool> outOfTime, CancellationToken token)
    {
        if (train.Rows == 0) throw new InvalidOperationException("No training image could be read, so the head has nothing to train on.");
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var features = Rows(train, device);
        var labels = tensor(train.Labels.Select(label => (long)label).ToArray()).to(device);
        var validationFeatures = validation.Rows > 0 ? Rows(validation, device) : null;
        var validationLabels = validation.Rows > 0 ? tensor(validation.Labels.Select(label => (long)label).ToArray()).to(device) : null;
        int maxEpochs = validationFeatures is null ? EpochsWithoutValidation : settings.MaxEpochs;

        using var optimizer = optim.Adam(fc.parameters(), settings.LearningRate);
        var bestWeight = fc.weight!.detach().clone();
        var bestBias = fc.bias!.detach().clone();
        double bestAccuracy = double.NegativeInfinity, bestLoss = double.PositiveInfinity, lowestLoss = double.PositiveInfinity;
        double bestTrainLoss = double.NaN;
        int bestEpoch = 0, epochsRun = 0, stale = 0;
        var order = new int[train.Rows];
        for (int epoch = 1; epoch <= maxEpochs && !token.IsCancellationRequested && (epoch == 1 || !outOfTime()); epoch++)
        {
            double trainLoss = TrainEpoch(fc, optimizer, features, labels, order, epoch, settings);
            epochsRun = epoch;
            var (loss, accuracy) = validationFeatures is null
                ? (double.NaN, double.NaN)
                : Score(fc, validationFeatures, validationLabels!);
            bool better = validationFeatures is null || accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss);
            if (better)
            {
                using var noGrad = no_grad();
                bestWeight.copy_(fc.weight!);
                bestBias.copy_(fc.bias!);
                (bestAccuracy, bestLoss, bestEpoch, bestTrainLoss) = (accuracy, loss, epoch, trainLoss);
            }
            bool lossImproved = loss < lowestLoss - LossImprovement;
            lowestLoss = Math.Min(lowestLoss, loss);
            stale = better || lossImproved ? 0 : stale + 1;
            if (stale >= settings.Patience) break;
        }
        using (no_grad())
        {
            fc.weight!.copy_(bestWeight);
            fc.bias!.copy_(bestBias);
        }
        return new HeadOutcome(epochsRun, bestEpoch, bestTrainLoss, bestLoss, bestAccuracy, clock.Elapsed.TotalSeconds);
    }

    private static Tensor Rows(FeatureSet set, Device device) =>
        tensor(set.Values, new long[] { set.Rows, set.Dimension }).to(device);

    private static double TrainEpoch(Linear fc, optim.Optimizer optimizer, Tensor features, Tensor labels, int[] order, int epoch,
        HeadSettings settings)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        SampleRandom.For(settings.Seed, epoch, sample: 0, stream: 3).Shuffle(order);
        using var scope = NewDisposeScope();
        var permutation = tensor(order.Select(i => (long)i).ToArray()).to(features.device);
        fc.train();
        double lossSum = 0;
        for (int start = 0; start < order.Length; start += settings.BatchSize)
        {
            using var stepScope = NewDisposeScope();
            int size = Math.Min(settings.BatchSize, order.Length - start);
            var rows = permutation.narrow(0, start, size);
            optimizer.zero_grad();
            var loss = functional.cross_entropy(fc.forward(features.index_select(0, rows)), labels.index_select(0, rows),
                label_smoothing: settings.LabelSmoothing);
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * size;
        }
        return lossSum / order.Length;
    }

    private static (double Loss, double Accuracy) Score(Linear fc, Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        fc.eval();
        var logits = fc.forward(features);
        double loss = functional.cross_entropy(logits, labels).item<float>();
        double accuracy = logits.argmax(1).eq(labels).sum().item<long>() / (double)labels.shape[0];
        return (loss, accuracy);
    }
}
