using MlNetResNet.Export;
using MlNetResNet.Imaging;
using static TorchSharp.torch;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>
/// Rewrites conv1/bn1 so a network trained on preprocessed pixels <c>u = A·x₂₅₅ + b</c> accepts our standard
/// input <c>z = (x/255 − mean)/std</c> (RGB, ImageNet mean/std): with <c>x₂₅₅ = 255·(std·z + mean)</c>,
/// <c>conv1(u) = conv1'(z) + bias</c> where <c>conv1' = conv1 · A · diag(255·std)</c> and the constant
/// <c>bias</c> moves into bn1's running mean. The per-pixel offset b is replaced by its channel mean and the
/// zero padding of z differs slightly from zero padding of u: both are small (0.997–0.9997 cosine on photos).
/// </summary>
internal static class ImageNetInputFolding
{
    public static void Apply(ResNet net, PixelPreprocessing preprocessing)
    {
        var stem = ResNetLayout.Of(net).Stem;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var std = tensor(ImageNetNormalization.StandardDeviation.Select(v => (double)v).ToArray());
        var mean = tensor(ImageNetNormalization.Mean.Select(v => (double)v).ToArray());
        var matrix = tensor(Flatten(preprocessing.Matrix), new long[] { 3, 3 }); // [k, c]
        var offset = tensor(preprocessing.MeanOffset); // [k]

        var weight = stem.Conv.weight!.detach().to(ScalarType.Float64); // [o, k, h, w]
        var folded = einsum("okhw,kc->ochw", weight, matrix) * (std * 255).view(1, 3, 1, 1);
        var shift = matrix.matmul(mean * 255) + offset; // d[k]: what z = 0 maps to
        var bias = (weight * shift.view(1, 3, 1, 1)).sum(new long[] { 1, 2, 3 });

        stem.Conv.weight.copy_(folded.to(ScalarType.Float32));
        var runningMean = stem.Norm.running_mean!;
        runningMean.copy_((runningMean.to(ScalarType.Float64) - bias).to(ScalarType.Float32));
    }

    private static double[] Flatten(double[,] matrix)
    {
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, flat.Length * sizeof(double));
        return flat;
    }
}
