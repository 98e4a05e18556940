using System.Buffers.Binary;
using MlNetResNet.Tests.Support;
using MlNetResNet.Tests.Weights.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>Layouts torch 1.13 no longer writes but older or other-endian machines did, built byte by byte.</summary>
public class CraftedLayoutTests : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-layout");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void BigEndianArchiveIsByteSwapped()
    {
        string path = folder.File("big.pth");
        var data = new byte[16];
        for (int i = 0; i < 4; i++) BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4 * i), i + 0.5f);
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4, size: new[] { 2L, 2L }, stride: new[] { 2L, 1L });
        CraftedCheckpoints.Zip(path, ("big/data.pkl", pickle), ("big/byteorder", "big"u8.ToArray()), ("big/data/0", data));
        using var scope = NewDisposeScope();

        var w = PyTorchCheckpoint.Read(path)["w"];

        Assert.Equal(new[] { 0.5f, 1.5f, 2.5f, 3.5f }, w.data<float>().ToArray());
    }

    [Fact]
    public void LegacyStorageViewReadsItsSliceOfTheRoot()
    {
        // Before PyTorch 1.0 a tensor could sit on a view of a root storage: ('storage', type, root, loc, 6, ('v', 2, 3)).
        string path = folder.File("view_legacy.pth");
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark().Str("w")
            .Tensor("FloatStorage", "root", 6, 1, new long[] { 2 }, new long[] { 1 }, legacy: true, view: ("v", 2, 3))
            .SetItems().Stop().ToArray();
        var data = new byte[24];
        for (int i = 0; i < 6; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), i * 10f);
        CraftedCheckpoints.Legacy(path, pickle, ("root", 6, data));
        using var scope = NewDisposeScope();

        var w = PyTorchCheckpoint.Read(path)["w"];

        // The view starts at root element 2; the tensor at view element 1: root elements 3 and 4.
        Assert.Equal(new[] { 30f, 40f }, w.data<float>().ToArray());
    }

    [Fact]
    public void LegacyStorageViewBeyondItsRootIsRefused()
    {
        string path = folder.File("bad_view_legacy.pth");
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark().Str("w")
            .Tensor("FloatStorage", "root", 6, 0, new long[] { 2 }, new long[] { 1 }, legacy: true, view: ("v", 5, 3))
            .SetItems().Stop().ToArray();
        CraftedCheckpoints.Legacy(path, pickle, ("root", 6, new byte[24]));

        var error = Assert.Throws<PyTorchCheckpointException>(() => PyTorchCheckpoint.Read(path));

        Assert.Contains("bad_view_legacy.pth", error.Message);
        Assert.Contains("has a view outside its 6 elements", error.Message);
    }

    [Fact]
    public void TensorSharingAStorageWithAnotherIsAViewOfTheSameData()
    {
        string path = folder.File("shared.pth");
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark()
            .Str("a").Tensor("LongStorage", "0", 3, 0, new long[] { 3 }, new long[] { 1 }, legacy: false)
            .Str("b").Tensor("LongStorage", "0", 3, 2, Array.Empty<long>(), Array.Empty<long>(), legacy: false)
            .SetItems().Stop().ToArray();
        var data = new byte[24];
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8 * i), 7 + i);
        CraftedCheckpoints.Zip(path, ("s/data.pkl", pickle), ("s/data/0", data));
        using var scope = NewDisposeScope();

        var tensors = PyTorchCheckpoint.Read(path);

        Assert.Equal(new[] { 7L, 8L, 9L }, tensors["a"].data<long>().ToArray());
        Assert.Empty(tensors["b"].shape);
        Assert.Equal(9L, tensors["b"].item<long>());
    }
}
