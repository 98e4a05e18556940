using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>Raw little-endian float32 files (numpy's tofile) as tensors, and the comparisons the parity tests use.</summary>
public static class RawTensors
{
    public static Tensor Read(string path, params long[] shape)
    {
        var values = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
        return tensor(values, shape);
    }

    public static void Write(string path, Tensor values) =>
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(values.contiguous().data<float>().ToArray().AsSpan()).ToArray());

    public static double MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    /// <summary>The acceptance bound: 1e-4 · max(1, max |reference|).</summary>
    public static double Tolerance(Tensor reference) => 1e-4 * Math.Max(1.0, reference.abs().max().item<float>());

    /// <summary>Eval-mode forward without gradients.</summary>
    public static Tensor Logits(ResNet net, Tensor input)
    {
        net.eval();
        using var noGrad = no_grad();
        return net.forward(input);
    }
}
