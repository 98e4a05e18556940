using MlNetResNet.Tests.Support;
using MlNetResNet.Tests.Weights.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Malformed, truncated and malicious files end in one clear exception naming the file and the problem — never a
/// crash, a hang, an allocation of what the file cannot hold, or code run from the pickle.
/// </summary>
public class BadCheckpointTests : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-badpth");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void MissingFileThrowsFileNotFound()
    {
        string path = folder.File("absent.pth");
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);

        var error = Assert.Throws<FileNotFoundException>(() => net.LoadPyTorchWeights(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains("absent.pth", error.Message);
    }

    [Fact]
    public void EmptyFileIsRejected()
    {
        string path = folder.File("empty.pth");
        File.WriteAllBytes(path, Array.Empty<byte>());

        AssertRejected(path, "empty (0 bytes)");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void TruncatedZipIsRejected(double keptFraction)
    {
        string path = folder.File("truncated.pth");
        using (var scope = NewDisposeScope())
            PyTorchCheckpoint.Write(path, new Dictionary<string, Tensor> { ["w"] = randn(64, 64), ["b"] = randn(64) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keptFraction)]);

        AssertRejected(path, "zip archive is truncated or corrupt");
    }

    [Fact]
    public void RandomBytesAreRejected()
    {
        string path = folder.File("random.pth");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        AssertRejected(path, "not a PyTorch checkpoint");
    }

    public static TheoryData<string, byte[]> EvilPickles() => new()
    {
        { "os.system", new PickleBytes().Proto().Global("os", "system").Str(MarkerCommand).Tuple1().Reduce().Stop().ToArray() },
        { "posix.system", new PickleBytes().Proto(4).StackGlobal("posix", "system").Str(MarkerCommand).Tuple1().Reduce().Stop().ToArray() },
        { "builtins.eval", new PickleBytes().Proto().Global("builtins", "eval").Str("1+1").Tuple1().Reduce().Stop().ToArray() },
        { "torch.storage._load_from_bytes", new PickleBytes().Proto().Global("torch.storage", "_load_from_bytes").Op((byte)'C').Op(0).Tuple1().Reduce().Stop().ToArray() },
        { "torchvision.models.resnet.ResNet", new PickleBytes().Proto().Global("torchvision.models.resnet", "ResNet").EmptyTuple().Op(0x81).Stop().ToArray() },
        // A legitimate-looking state dict with a call to os.system among its values.
        { "os.system", new PickleBytes().Proto().NewOrderedDict().Mark().Str("x").Global("os", "system").Str(MarkerCommand).Tuple1().Reduce()
            .Str("w").Tensor("FloatStorage", "0", 4, 0, new long[] { 4 }, new long[] { 1 }, legacy: false).SetItems().Stop().ToArray() },
    };

    private const string MarkerCommand = "touch mlnetresnet-pwned-marker";

    [Theory]
    [MemberData(nameof(EvilPickles))]
    public void PickleReferencingAGlobalOutsideTheAllowListIsRefused(string global, byte[] pickle)
    {
        string zip = folder.File("evil.pth");
        CraftedCheckpoints.Zip(zip, ("evil/data.pkl", pickle), ("evil/data/0", new byte[16]));
        string legacy = folder.File("evil_legacy.pth");
        CraftedCheckpoints.Legacy(legacy, pickle);

        AssertRejected(zip, $"'{global}'", "not allowed");
        AssertRejected(legacy, $"'{global}'", "not allowed");
        Assert.False(File.Exists("mlnetresnet-pwned-marker"));
    }

    [Fact]
    public void StorageDeclaredLargerThanItsRecordIsRefusedBeforeAllocating()
    {
        string path = folder.File("huge.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 1_000_000_000_000, size: new[] { 1_000_000_000_000L }, stride: new[] { 1L });
        CraftedCheckpoints.Zip(path, ("huge/data.pkl", pickle), ("huge/data/0", new byte[16]));

        AssertRejected(path, "declares 1000000000000 FloatStorage elements", "holds only 16 bytes");
    }

    [Fact]
    public void StorageDeclaredLargerThanTheLegacyFileIsRefusedBeforeAllocating()
    {
        string path = folder.File("huge_legacy.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 1_000_000_000_000, size: new[] { 4L }, stride: new[] { 1L }, legacy: true);
        CraftedCheckpoints.Legacy(path, pickle, ("0", 1_000_000_000_000, new byte[16]));

        AssertRejected(path, "declares 1000000000000 FloatStorage elements", "only 16 bytes remain");
    }

    [Fact]
    public void StorageSizeOverflowingSixtyFourBitsIsRefused()
    {
        string path = folder.File("overflow.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: long.MaxValue / 2, size: new[] { 1L }, stride: new[] { 1L });
        CraftedCheckpoints.Zip(path, ("o/data.pkl", pickle), ("o/data/0", new byte[16]));

        AssertRejected(path, "overflows 64 bits");
    }

    [Fact]
    public void LegacyDataHeaderDisagreeingWithThePickleIsRefused()
    {
        string path = folder.File("header.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4, size: new[] { 4L }, stride: new[] { 1L }, legacy: true);
        CraftedCheckpoints.Legacy(path, pickle, ("0", 5, new byte[20]));

        AssertRejected(path, "declared with 4 elements but its data header says 5");
    }

    [Theory]
    [InlineData(new long[] { 3 }, new long[] { 2 }, 0L, "reaches element 4")]
    [InlineData(new long[] { 2, 2 }, new long[] { 2, 1 }, 1L, "reaches element 4")]
    [InlineData(new long[] { 2 }, new long[] { -1 }, 1L, "negative")]
    [InlineData(new long[] { 4611686018427387904, 4 }, new long[] { 4, 1 }, 0L, "overflows")]
    public void TensorViewOutsideItsStorageIsRefused(long[] size, long[] stride, long offset, string problem)
    {
        string path = folder.File("view.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4, size, stride, offset);
        CraftedCheckpoints.Zip(path, ("v/data.pkl", pickle), ("v/data/0", new byte[16]));

        AssertRejected(path, problem);
    }

    [Fact]
    public void MissingStorageRecordIsRefused()
    {
        string path = folder.File("norecord.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4, size: new[] { 4L }, stride: new[] { 1L });
        CraftedCheckpoints.Zip(path, ("n/data.pkl", pickle));

        AssertRejected(path, "record 'n/data/0' is missing");
    }

    [Fact]
    public void CompressedStorageRecordIsRefused()
    {
        string path = folder.File("compressed.pth");
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4096, size: new[] { 4096L }, stride: new[] { 1L });
        using (var archive = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var s = archive.CreateEntry("c/data.pkl", System.IO.Compression.CompressionLevel.NoCompression).Open()) s.Write(pickle);
            using (var s = archive.CreateEntry("c/data/0", System.IO.Compression.CompressionLevel.Optimal).Open()) s.Write(new byte[4096 * 4]);
        }

        AssertRejected(path, "is compressed");
    }

    public static TheoryData<byte[], string> NotStateDicts() => new()
    {
        { new PickleBytes().Proto().EmptyList().Stop().ToArray(), "holds a list, not a dict of tensors" },
        { new PickleBytes().Proto().EmptyDict().Mark().Str("epoch").Int(3).SetItems().Stop().ToArray(), "no state dict found" },
        { new PickleBytes().Proto().EmptyDict().Mark().Str("w").Int(3).Str("v").Tensor("FloatStorage", "0", 4, 0, new long[] { 4 }, new long[] { 1 }, false).SetItems().Stop().ToArray(), "maps 'w' to an int, not a tensor" },
        { new PickleBytes().Proto().Op(0xff).ToArray(), "unknown opcode 0xff" },
        { new PickleBytes().Proto().Op((byte)'h').Op(3).Stop().ToArray(), "memo entry 3 read before written" },
        { new PickleBytes().Proto().Str("never stopped").ToArray(), "the pickle ends early" },
        { new PickleBytes().Proto().Op((byte)'X').Op(0xff).Op(0xff).Op(0xff).Op(0x7f).Stop().ToArray(), "declares a string of 2147483647 bytes" },
    };

    [Theory]
    [MemberData(nameof(NotStateDicts))]
    public void PickleThatIsNotAStateDictIsRefused(byte[] pickle, string problem)
    {
        string path = folder.File("odd.pth");
        CraftedCheckpoints.Zip(path, ("odd/data.pkl", pickle), ("odd/data/0", new byte[16]));

        AssertRejected(path, problem);
    }

    private static void AssertRejected(string path, params string[] problem)
    {
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);
        var before = net.state_dict()["conv1.weight"].clone();

        var error = Assert.Throws<PyTorchCheckpointException>(() => net.LoadPyTorchWeights(path));

        Assert.Contains(Path.GetFileName(path), error.Message);
        foreach (var fragment in problem) Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' not in: {error.Message}");
        Assert.True(net.state_dict()["conv1.weight"].Equals(before));
        Assert.Throws<PyTorchCheckpointException>(() => PyTorchCheckpoint.Read(path));
    }
}
