using System.Diagnostics;
using MlNetResNet.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Training.Format;

/// <summary>
/// A throwaway network of the run's architecture that takes timed training steps in one precision, on random inputs:
/// only the arithmetic's speed matters to <see cref="PrecisionProbe"/>.
/// </summary>
internal sealed class PrecisionProbeRun : IDisposable
{
    private readonly ResNet network;
    private readonly optim.Optimizer optimizer;
    private readonly StepFormat format;
    private readonly int imageSize;
    private readonly int batch;

    public PrecisionProbeRun(ResNetTrainerOptions options, TrainingPrecision precision, int batch)
    {
        var probeOptions = options.Copy();
        probeOptions.Precision = precision;
        format = StepFormat.Resolve(probeOptions, CPU);
        network = ResNet.Create(options.Architecture, numClasses: 2);
        if (format.ChannelsLast) ChannelsLast.ConvertWeights(network);
        network.train();
        optimizer = optim.SGD(network.parameters(), 1e-6);
        imageSize = options.ImageSize;
        this.batch = batch;
    }

    /// <summary>One training step; returns its wall time in seconds.</summary>
    public double Step()
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var images = randn(batch, 3, imageSize, imageSize);
        var labels = zeros(batch, ScalarType.Int64);
        optimizer.zero_grad();
        var logits = network.forward(format.TrainingInput(images)).to(ScalarType.Float32);
        functional.cross_entropy(logits, labels).backward();
        optimizer.step();
        return clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        network.Dispose();
    }
}
