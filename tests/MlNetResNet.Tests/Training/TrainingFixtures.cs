using MlNetResNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Training;

/// <summary>Small shape sets and options sized so a training test runs in seconds on two cores.</summary>
internal sealed class TrainingFixtures : IDisposable
{
    private readonly List<Image<Rgb24>> images = new();

    public IImageSampleSource Shapes(int count, int seed)
    {
        var source = ShapeImages.Source(count, size: 40, seed, out var drawn);
        images.AddRange(drawn);
        return source;
    }

    /// <summary>ResNet-18 on 32-pixel crops, one libtorch thread (the test host shares the cores).</summary>
    public static ResNetClassifierOptions Options(int epochs, int batchSize = 8) => new()
    {
        Architecture = ResNetArchitecture.ResNet18,
        ImageSize = 32,
        BatchSize = batchSize,
        Epochs = epochs,
        LearningRate = 1e-3,
        RandomCropScale = (0.5, 1.0),
        Device = ComputeDevice.Cpu,
        NumberOfThreads = 1,
        Seed = 11,
    };

    /// <summary>Loss, accuracy and learning rate of each epoch: what must repeat exactly (timings never do).</summary>
    public static IEnumerable<(int, double, double, double, double)> Repeatable(IEnumerable<EpochMetrics> history) =>
        history.Select(m => (m.Epoch, m.TrainLoss, m.ValidationLoss, m.ValidationAccuracy, m.LearningRate));

    public void Dispose()
    {
        foreach (var image in images) image.Dispose();
    }
}
