namespace MlNetResNet.Benchmarks;

/// <summary>
/// Arithmetic per image, to turn images/s into GFLOP/s. Multiply-accumulates of one forward pass at 224 px as
/// torchvision documents them (1.81 / 3.66 / 4.09 GMAC); convolution cost scales with the pixel count for sizes
/// that are multiples of 32. A training step is counted as 3 forwards (forward + two backward products).
/// </summary>
internal static class ModelFlops
{
    public static double ForwardGflop(string arch, int imageSize)
    {
        double gmacAt224 = arch switch
        {
            "resnet18" => 1.814,
            "resnet34" => 3.664,
            "resnet50" => 4.089,
            "resnet101" => 7.801,
            "resnet152" => 11.514,
            _ => double.NaN,
        };
        return 2 * gmacAt224 * (imageSize / 224.0) * (imageSize / 224.0);
    }

    public static double TrainGflop(string arch, int imageSize) => 3 * ForwardGflop(arch, imageSize);
}
