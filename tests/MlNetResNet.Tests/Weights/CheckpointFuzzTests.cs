using MlNetResNet.Tests.Support;
using MlNetResNet.Tests.Weights.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Fuzzes the zip reader, the legacy reader and the unpickler with mutated valid files and random pickles: every
/// case loads or ends in a <see cref="WeightLoadException"/>, never another exception type and never a hang. CI runs
/// a fixed seed and case count per target (a few seconds each); <see cref="FuzzCampaign"/> says how to run longer.
/// </summary>
public class CheckpointFuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[][]> SeedFiles = new(BuildSeedFiles);

    [Fact]
    public void MutatedCheckpointFilesOnlyEverThrowWeightLoadExceptions()
    {
        var seeds = SeedFiles.Value;
        Check(FuzzCampaign.Run("files", ciSeed: 9001, ciCases: 30_000,
            random => ByteMutator.Mutate(seeds[random.Next(seeds.Length)], random)));
    }

    [Fact]
    public void MutatedPicklesInsideValidArchivesOnlyEverThrowWeightLoadExceptions()
    {
        var pickles = SeedPickles();
        Check(FuzzCampaign.Run("pickles", ciSeed: 9002, ciCases: 30_000,
            random => Package(ByteMutator.Mutate(pickles[random.Next(pickles.Length)], random), random)));
    }

    [Fact]
    public void RandomPicklesOnlyEverThrowWeightLoadExceptions()
    {
        Check(FuzzCampaign.Run("random-pickles", ciSeed: 9003, ciCases: 30_000, random => Package(RandomPickles.Generate(random), random)));
    }

    private void Check(FuzzReport report)
    {
        output.WriteLine(report.Summary);
        Assert.True(report.Failures.Count == 0, $"{report.Summary}\n{string.Join("\n", report.Failures.Take(5))}");
        Assert.True(report.Cases > 0);
    }

    /// <summary>A pickle in a zip with correct CRCs or in a legacy file, with storages "0".."2" of 64 bytes each.</summary>
    private static byte[] Package(byte[] pickle, Random random)
    {
        var storage = new byte[64];
        random.NextBytes(storage);
        if (random.Next(2) == 0)
            return CraftedCheckpoints.ZipBytes(("f/data.pkl", pickle), ("f/data/0", storage), ("f/data/1", storage), ("f/data/2", storage));
        return CraftedCheckpoints.LegacyBytes(pickle, ("0", 16, storage), ("1", 8, storage));
    }

    /// <summary>State-dict pickles in protocol 2 (as torch.save writes by default, zip and legacy ids) and 4.</summary>
    private static byte[][] SeedPickles() => new[]
    {
        TwoTensors(new PickleBytes().Proto(), legacy: false),
        TwoTensors(new PickleBytes().Proto(), legacy: true),
        ProtocolFour(),
        TwoTensorsBody(new PickleBytes().Proto().EmptyDict().Mark().Str("epoch").Int(3).Str("state_dict").NewOrderedDict(), legacy: false)
            .SetItems().Stop().ToArray(),
    };

    private static byte[] TwoTensors(PickleBytes pickle, bool legacy) => TwoTensorsBody(pickle.NewOrderedDict(), legacy).Stop().ToArray();

    // OrderedDict {"w": 2x3 view, "b": 4 on another storage, "v": slice of "w"'s storage}.
    private static PickleBytes TwoTensorsBody(PickleBytes pickle, bool legacy) =>
        pickle.Mark()
            .Str("w").Tensor("FloatStorage", "0", 16, 2, new long[] { 2, 3 }, new long[] { 3, 1 }, legacy)
            .Str("b").Tensor("LongStorage", "1", 8, 0, new long[] { 4 }, new long[] { 2 }, legacy)
            .Str("v").Tensor("FloatStorage", "0", 16, 5, new long[] { 3 }, new long[] { 4 }, legacy)
            .SetItems();

    // The shape of Python's protocol 4: one FRAME, STACK_GLOBAL, MEMOIZE after each new object, BINGET to reuse them.
    private static byte[] ProtocolFour()
    {
        var body = new PickleBytes().StackGlobal("collections", "OrderedDict").Memoize().EmptyTuple().Reduce().Memoize().Mark()
            .Str("w").Memoize().StackGlobal("torch._utils", "_rebuild_tensor_v2").Memoize().Mark()
            .Mark().Str("storage").StackGlobal("torch", "FloatStorage").Memoize().Str("0").Str("cpu").Int(16).Tuple().BinPersId()
            .Int(0).IntTuple(4).IntTuple(1).False().NewOrderedDict().Tuple().Reduce().Memoize()
            .Str("v").Op((byte)'h').Op(3).Mark() // BINGET 3: _rebuild_tensor_v2 again
            .Mark().Str("storage").Op((byte)'h').Op(4).Str("0").Str("cpu").Int(16).Tuple().BinPersId()
            .Int(4).IntTuple(2, 2).IntTuple(2, 1).False().NewOrderedDict().Tuple().Reduce()
            .SetItems().Stop().ToArray();
        return new PickleBytes().Proto(4).Frame(body.Length).Raw(body).ToArray();
    }

    private static byte[][] BuildSeedFiles()
    {
        using var folder = new TempFolder("mlnetresnet-fuzzseed");
        string ours = folder.File("ours.pth");
        using (var scope = NewDisposeScope())
            PyTorchCheckpoint.Write(ours, new Dictionary<string, Tensor> { ["w"] = randn(2, 3), ["steps"] = arange(4), ["half"] = ones(3).to_type(ScalarType.Float16) });
        var pickles = SeedPickles();
        var storage = new byte[64];
        var files = new[]
        {
            File.ReadAllBytes(ours),
            CraftedCheckpoints.ZipBytes(("p4/data.pkl", pickles[2]), ("p4/data/0", storage)),
            CraftedCheckpoints.LegacyBytes(pickles[1], ("0", 16, storage), ("1", 8, storage)),
        };
        foreach (var file in files)
        {
            using var scope = NewDisposeScope();
            Assert.NotEmpty(PyTorchCheckpoint.ReadDetailed("seed.pth", new MemoryStream(file)).Tensors); // seeds are valid
        }
        return files;
    }
}
