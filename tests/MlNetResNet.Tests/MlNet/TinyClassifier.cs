namespace MlNetResNet.Tests.MlNet;

/// <summary>The smallest training these tests need: ResNet-18, one epoch of 32 px images, a quarter held out, two CPU threads.</summary>
public static class TinyClassifier
{
    public static ResNetClassifierOptions Options() => new()
    {
        Architecture = ResNetArchitecture.ResNet18,
        Epochs = 1,
        ImageSize = 32,
        ResizeSize = 32,
        BatchSize = 4,
        ValidationFraction = 0.25,
        Device = ComputeDevice.Cpu,
        NumberOfThreads = 2,
    };
}
