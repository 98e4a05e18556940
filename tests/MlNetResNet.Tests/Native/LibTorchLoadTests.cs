using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Native;

public class LibTorchLoadTests
{
    [Fact]
    public void LibTorchLoadsAndComputesAMatrixProduct()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        float[] product = matmul(a, b).data<float>().ToArray();
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product);
    }

    [Fact]
    public void ConvolutionRunsThroughLibTorchKernels()
    {
        using var scope = NewDisposeScope();
        var input = ones(1, 1, 4, 4);
        var weight = ones(1, 1, 3, 3);
        float[] output = nn.functional.conv2d(input, weight).data<float>().ToArray();
        Assert.Equal(new float[] { 9, 9, 9, 9 }, output);
    }
}
