using static TorchSharp.torch;

namespace MlNetResNet.Tests.Export;

/// <summary>Networks with non-trivial BN statistics and the TorchSharp reference the ONNX graph must reproduce.</summary>
internal static class ExportTestNets
{
    /// <summary>
    /// A classifier whose every BN has random running stats and affine params, so BN folding is exercised;
    /// the stats are scaled so activations neither vanish nor explode (probabilities stay informative).
    /// </summary>
    public static ResNet Create(ResNetArchitecture architecture, int classes, int seed)
    {
        manual_seed(seed);
        var net = ResNet.Create(architecture, numClasses: classes);
        using var noGrad = no_grad();
        foreach (var (_, module) in net.named_modules())
        {
            if (module is not TorchSharp.Modules.BatchNorm2d norm) continue;
            long c = norm.num_features;
            norm.running_mean!.copy_(randn(c) * 0.2);
            norm.running_var!.copy_(rand(c) + 0.5);
            norm.weight!.copy_(randn(c) * 0.2 + 0.6);
            norm.bias!.copy_(randn(c) * 0.1);
        }
        // A wider fc spreads the logits over a few units, so probabilities are far from uniform.
        net.Head!.weight!.mul_(20);
        net.eval();
        return net;
    }

    /// <summary>Random raw pixels in 0..255, [n, 3, size, size].</summary>
    public static float[] RawPixels(int n, int size, int seed)
    {
        var random = new Random(seed);
        var data = new float[n * 3 * size * size];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 255.0);
        return data;
    }

    /// <summary>TorchSharp eval-mode softmax on center-cropped, ImageNet-normalized raw pixels.</summary>
    public static float[] ReferenceProbabilities(ResNet net, float[] raw, int n, int inputSize, int cropSize) =>
        Reference(net, raw, n, inputSize, cropSize).Probabilities;

    /// <summary>TorchSharp eval-mode logits and softmax on center-cropped, ImageNet-normalized raw pixels.</summary>
    public static (float[] Logits, float[] Probabilities) Reference(ResNet net, float[] raw, int n, int inputSize, int cropSize)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(raw, new long[] { n, 3, inputSize, inputSize });
        long offset = (long)Math.Round((inputSize - cropSize) / 2.0, MidpointRounding.ToEven);
        x = x.narrow(2, offset, cropSize).narrow(3, offset, cropSize);
        var mean = tensor(new[] { 0.485f, 0.456f, 0.406f }).view(1, 3, 1, 1);
        var std = tensor(new[] { 0.229f, 0.224f, 0.225f }).view(1, 3, 1, 1);
        x = (x / 255f - mean) / std;
        net.eval();
        var logits = net.forward(x);
        return (logits.data<float>().ToArray(), nn.functional.softmax(logits, 1).data<float>().ToArray());
    }

    public static float MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
