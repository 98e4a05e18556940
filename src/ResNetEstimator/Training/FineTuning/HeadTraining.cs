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

    /// <param name="trainableRows">Rows of <c>fc</c> that train; null trains all, the others keep their values exactly.</param>
    public static HeadOutcome Train(Linear fc, FeatureSet train, FeatureSet validation, HeadSettings settings, Device device,
        Func<bool> outOfTime, CancellationToken token, IReadOnlyList<int>? trainableRows = null)
    {
        // The head's operations are tiny (a 64 x 512 by 512 x classes product): waking the other OpenMP threads for each
        // one costs more than it saves, so the head trains on one thread and the caller's thread count comes back after.
        int threads = get_num_threads();
        if (device.type == DeviceType.CPU) set_num_threads(1);
        try
        {
            return TrainOnThisThread(fc, train, validation, settings, device, outOfTime, token, trainableRows);
        }
        finally
        {
            if (device.type == DeviceType.CPU) set_num_threads(threads);
        }
    }

    private static HeadOutcome TrainOnThisThread(Linear fc, FeatureSet train, FeatureSet validation, HeadSettings settings, Device device,
        Func<bool> outOfTime, CancellationToken token, IReadOnlyList<int>? trainableRows)
    {
        if (train.Rows == 0) throw new InvalidOperationException("No training image could be read, so the head has nothing to train on.");
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var features = train.FeaturesOn(device);
        var labels = train.LabelsOn(device);
        var validationFeatures = validation.Rows > 0 ? validation.FeaturesOn(device) : null;
        var validationLabels = validation.Rows > 0 ? validation.LabelsOn(device) : null;
        var rowMask = trainableRows is null ? null : RowMask(trainableRows, (int)fc.weight!.shape[0], device);
        int maxEpochs = validationFeatures is null ? EpochsWithoutValidation : settings.MaxEpochs;

        using var optimizer = optim.Adam(fc.parameters(), settings.LearningRate);
        var bestWeight = fc.weight!.detach().clone();
        var bestBias = fc.bias!.detach().clone();
        var best = new ProgressState();
        double lowestLoss = double.PositiveInfinity, bestTrainLoss = double.NaN, bestMicro = double.NaN, bestMacro = double.NaN;
        int epochsRun = 0, stale = 0;
        var order = new int[train.Rows];
        for (int epoch = 1; epoch <= maxEpochs && !token.IsCancellationRequested && (epoch == 1 || !outOfTime()); epoch++)
        {
            double trainLoss = TrainEpoch(fc, optimizer, features, labels, order, epoch, settings, rowMask);
            epochsRun = epoch;
            var (loss, accuracy, macroAccuracy) = validationFeatures is null
                ? (double.NaN, double.NaN, double.NaN)
                : Score(fc, validationFeatures, validationLabels!);
            double selected = settings.SelectOnMacroAccuracy ? macroAccuracy : accuracy;
            bool better = best.Improves(selected, loss, hasValidation: validationFeatures is not null);
            if (better)
            {
                using var noGrad = no_grad();
                bestWeight.copy_(fc.weight!);
                bestBias.copy_(fc.bias!);
                best.Record(epoch, selected, loss);
                bestTrainLoss = trainLoss;
                (bestMicro, bestMacro) = (accuracy, macroAccuracy);
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
        return new HeadOutcome(epochsRun, best.BestEpoch, bestTrainLoss, best.BestLoss, bestMicro, clock.Elapsed.TotalSeconds, bestMacro);
    }

    // 1 for the rows that train, 0 for the others, shaped [rows, 1] so that it multiplies the weight's gradient row by row.
    private static Tensor RowMask(IReadOnlyList<int> trainableRows, int rows, Device device)
    {
        var mask = new float[rows];
        foreach (int row in trainableRows) mask[row] = 1;
        return tensor(mask, new long[] { rows, 1 }).to(device);
    }

    private static double TrainEpoch(Linear fc, optim.Optimizer optimizer, Tensor features, Tensor labels, int[] order, int epoch,
        HeadSettings settings, Tensor? rowMask)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        SampleRandom.For(settings.Seed, epoch, sample: 0, stream: 3).Shuffle(order);
        using var scope = NewDisposeScope();
        var permutation = tensor(order.Select(i => (long)i).ToArray()).to(features.device);
        // One shuffled copy per epoch, then views of it: a step costs a handful of small native calls, so two gathers and a
        // host read of the loss per step were a large share of the head's time on a warm cache.
        var shuffledFeatures = features.index_select(0, permutation);
        var shuffledLabels = labels.index_select(0, permutation);
        var lossSum = zeros(1, device: features.device);
        fc.train();
        for (int start = 0; start < order.Length; start += settings.BatchSize)
        {
            using var stepScope = NewDisposeScope();
            int size = Math.Min(settings.BatchSize, order.Length - start);
            optimizer.zero_grad();
            var loss = functional.cross_entropy(fc.forward(shuffledFeatures.narrow(0, start, size)), shuffledLabels.narrow(0, start, size),
                label_smoothing: settings.LabelSmoothing);
            loss.backward();
            if (rowMask is not null)
            {
                // A zero gradient from the first step on keeps Adam's moments, and so the update, at exactly zero.
                fc.weight!.grad!.mul_(rowMask);
                fc.bias!.grad!.mul_(rowMask.view(-1));
            }
            optimizer.step();
            using (no_grad()) lossSum.add_(loss.detach() * size);
        }
        return lossSum.item<float>() / order.Length;
    }

    private static (double Loss, double Accuracy, double MacroAccuracy) Score(Linear fc, Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        fc.eval();
        var logits = fc.forward(features);
        double loss = functional.cross_entropy(logits, labels).item<float>();
        var right = logits.argmax(1).eq(labels);
        double accuracy = right.sum().item<long>() / (double)labels.shape[0];
        // Per class: images and right answers, counted on the device in one pass each.
        int classes = (int)logits.shape[1];
        var total = labels.bincount(null, classes).cpu().data<long>().ToArray();
        var correct = labels.masked_select(right).bincount(null, classes).cpu().data<long>().ToArray();
        return (loss, accuracy, ClassBalance.MacroAccuracy(correct, total));
    }
}
