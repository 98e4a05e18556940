using CsCheck;
using MlNetResNet.Tests.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>Any small state dict survives Write then Read: same keys in the same order, dtypes, shapes and values.</summary>
public class CheckpointRoundTripProperties : IDisposable
{
    private static readonly ScalarType[] DTypes =
    {
        ScalarType.Float32, ScalarType.Float64, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Int64,
        ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.Byte, ScalarType.Bool,
    };

    private readonly TempFolder folder = new("mlnetresnet-pthprop");

    public void Dispose() => folder.Dispose();

    private static readonly Gen<(ScalarType DType, long[] Shape, long Seed)> TensorSpec =
        Gen.Select(Gen.OneOf(DTypes), Gen.Long[0, 5].Array[0, 4], Gen.Long[0, 1_000_000]);

    [Fact]
    public void WriteThenReadGivesTheSameTensors()
    {
        TensorSpec.Array[0, 6].Sample(specs =>
        {
            string path = folder.File($"prop-{Guid.NewGuid():N}.pth"); // CsCheck samples on several threads
            using var scope = NewDisposeScope();
            var written = specs.Select((spec, i) => new KeyValuePair<string, Tensor>($"t{i}.{spec.DType}", Make(spec))).ToList();

            PyTorchCheckpoint.Write(path, written);
            var read = PyTorchCheckpoint.Read(path);

            Assert.Equal(written.Select(p => p.Key), read.Keys);
            foreach (var (key, tensor) in written)
            {
                Assert.Equal(tensor.dtype, read[key].dtype);
                Assert.Equal(tensor.shape, read[key].shape);
                Assert.True(tensor.Equals(read[key]), key);
            }
        }, iter: 60);
    }

    [Fact]
    public void NonContiguousTensorsAreWrittenInLogicalOrder()
    {
        string path = folder.File("views.pth");
        using var scope = NewDisposeScope();
        var source = arange(24, dtype: ScalarType.Float32).reshape(2, 3, 4);
        var views = new Dictionary<string, Tensor> { ["permuted"] = source.permute(2, 0, 1), ["sliced"] = source[.., 1] };

        PyTorchCheckpoint.Write(path, views);
        var read = PyTorchCheckpoint.Read(path);

        Assert.True(read["permuted"].Equals(source.permute(2, 0, 1)));
        Assert.True(read["sliced"].Equals(source[.., 1]));
    }

    private static Tensor Make((ScalarType DType, long[] Shape, long Seed) spec)
    {
        var generator = new TorchSharp.torch.Generator((ulong)spec.Seed);
        var values = randn(spec.Shape, generator: generator) * 100;
        return spec.DType == ScalarType.Bool ? values > 0 : values.to_type(spec.DType);
    }
}
