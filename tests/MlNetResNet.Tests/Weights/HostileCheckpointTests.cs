using MlNetResNet.Tests.Weights.Support;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Files built to exhaust time, memory or the stack end in one <see cref="PyTorchCheckpointException"/> saying
/// what is wrong, within <see cref="RefusalCheck.TimeLimit"/> and <see cref="RefusalCheck.AllocationLimit"/>:
/// memo and hash bombs, 200,000-deep nesting, lengths near 4 GB in the pickle and in the zip directory, zip names
/// that climb out of the archive, and tensors whose size, stride or offset lie.
/// </summary>
public class HostileCheckpointTests
{
    private const int DeepNesting = 200_000;

    /// <summary>A state dict with a real tensor "t" and an entry "w" whose value <paramref name="value"/> writes.</summary>
    private static byte[] DictWith(Func<PickleBytes, PickleBytes> value, bool legacy = false) =>
        value(new PickleBytes().Proto().NewOrderedDict().Mark()
                .Str("t").Tensor("FloatStorage", "0", 4, 0, new long[] { 4 }, new long[] { 1 }, legacy).Str("w"))
            .SetItems().Stop().ToArray();

    private static byte[] InZip(byte[] pickle) => CraftedCheckpoints.ZipBytes(("h/data.pkl", pickle), ("h/data/0", new byte[16]));

    private static byte[] InLegacy(byte[] pickle) => CraftedCheckpoints.LegacyBytes(pickle);

    private static byte[] InLegacyWithStorage(byte[] pickle) => CraftedCheckpoints.LegacyBytes(pickle, ("0", 4, new byte[16]));

    /// <summary>l0 = []; l(k+1) = [lk, lk], through the memo: 2^100 leaves if anything walked it as a tree.</summary>
    private static PickleBytes DoublingLists(PickleBytes pickle)
    {
        pickle.EmptyList().LongBinPut(0).Pop();
        for (uint k = 0; k < 100; k++) pickle.Mark().LongBinGet(k).LongBinGet(k).List().LongBinPut(k + 1).Pop();
        return pickle.LongBinGet(100);
    }

    [Fact]
    public void MemoThatDoublesAListReferenceAHundredTimesIsRefusedWithoutExpandingIt()
    {
        RefusalCheck.Bytes("memo-bomb.pth", InZip(DictWith(DoublingLists)), "maps 'w' to a list, not a tensor");
        RefusalCheck.Bytes("memo-bomb-legacy.pth", InLegacyWithStorage(DictWith(DoublingLists, legacy: true)), "maps 'w' to a list, not a tensor");
    }

    [Fact]
    public void MemoBombUsedAsATensorSizeIsRefusedWithoutExpandingIt()
    {
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark().Str("w")
            .Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(4).Tuple().BinPersId()
            .Int(0);
        DoublingLists(pickle).IntTuple(1).False().NewOrderedDict().Tuple().Reduce().SetItems().Stop();

        RefusalCheck.Bytes("size-bomb.pth", InZip(pickle.ToArray()), "gets a list as size, not an int");
    }

    [Fact]
    public void ListThatContainsItselfIsRefused()
    {
        var pickle = DictWith(p => p.EmptyList().Dup().Append().Dup().Dup().Append().Append());

        RefusalCheck.Bytes("cycle.pth", InZip(pickle), "maps 'w' to a list, not a tensor");
    }

    [Fact]
    public void DictKeysChosenToCollideUnderTheDefaultInt64HashAreInsertedInLinearTime()
    {
        // (a << 32) | a hashes to 0 with long.GetHashCode(): 100,000 such keys made every insert scan a chain.
        var pickle = new PickleBytes().Proto().EmptyDict();
        for (long a = 1; a <= 100_000; a += 1000)
        {
            pickle.Mark();
            for (long k = a; k < a + 1000; k++) pickle.Long((k << 32) | k).Int(0);
            pickle.SetItems();
        }
        pickle.Stop();

        RefusalCheck.Bytes("hash-flood.pth", InZip(pickle.ToArray()), "no state dict found: the top-level dict has keys 4294967297, 8589934594");
    }

    [Fact]
    public void MemoIndicesChosenToCollideUnderTheDefaultInt64HashAreStoredInLinearTime()
    {
        var pickle = new PickleBytes().Proto().None();
        for (long k = 1; k <= 100_000; k++) pickle.Op((byte)'p').Raw(System.Text.Encoding.ASCII.GetBytes($"{(k << 32) | k}\n"));
        pickle.Stop();

        RefusalCheck.Bytes("memo-flood.pth", InZip(pickle.ToArray()), "holds None, not a dict of tensors");
    }

    public static TheoryData<string, byte[], string> DeeplyNested()
    {
        var lists = new PickleBytes().Proto();
        for (int i = 0; i < DeepNesting; i++) lists.Mark();
        for (int i = 0; i < DeepNesting; i++) lists.List();
        var tuples = new PickleBytes().Proto();
        for (int i = 0; i < DeepNesting; i++) tuples.Mark();
        for (int i = 0; i < DeepNesting; i++) tuples.Tuple();
        // {"k": {"k": ... None}}: SETITEM leaves each inner dict as the value of the one below it.
        var dicts = new PickleBytes().Proto();
        for (int i = 0; i < DeepNesting; i++) dicts.EmptyDict().Str("k");
        dicts.None();
        for (int i = 0; i < DeepNesting; i++) dicts.SetItem();
        var unclosedMarks = new PickleBytes().Proto();
        for (int i = 0; i < DeepNesting; i++) unclosedMarks.Mark();
        var pairs = new PickleBytes().Proto().Global("collections", "OrderedDict");
        for (int i = 0; i < DeepNesting; i++) pairs.Mark();
        for (int i = 0; i < DeepNesting; i++) pairs.List();
        return new()
        {
            { "lists", lists.Stop().ToArray(), "holds a list, not a dict of tensors" },
            { "tuples", tuples.Stop().ToArray(), "holds a tuple, not a dict of tensors" },
            { "dicts", dicts.Stop().ToArray(), "no state dict found: the top-level dict has keys 'k'" },
            { "marks", unclosedMarks.Stop().ToArray(), "STOP at byte" },
            { "ordereddict-pairs", pairs.Tuple1().Reduce().Stop().ToArray(), "other than key-value pairs" },
        };
    }

    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public void NestingTwoHundredThousandDeepIsRefusedWithoutRecursion(string shape, byte[] pickle, string problem)
    {
        // 200,000 containers are ~20-60 MB of objects however they nest; the point is no stack overflow.
        RefusalCheck.BytesWithin(128L << 20, $"deep-{shape}.pth", InZip(pickle), problem);
        RefusalCheck.BytesWithin(128L << 20, $"deep-{shape}-legacy.pth", InLegacy(pickle), problem);
    }

    [Fact]
    public void PickleBuildingMoreValuesThanTheBudgetIsRefusedBeforeExhaustingMemory()
    {
        // Two bytes per empty list appended to one list: ~50 bytes of objects each, 25x the input.
        var pickle = new PickleBytes().Proto().EmptyList();
        for (int i = 0; i < 9_000_000; i++) pickle.EmptyList().Append();
        var zip = InZip(pickle.Stop().ToArray());

        // 17 million opcodes: seconds, not the 2 s of the small cases (3.3 s measured on a busy 2-core machine).
        RefusalCheck.BytesWithin(PickleMemoryBudgetLimit + (64L << 20), TimeSpan.FromSeconds(15), "bomb.pth", zip, "MB of values by byte", "memory bomb");
    }

    private const long PickleMemoryBudgetLimit = MlNetResNet.Weights.PyTorch.PickleMemoryBudget.Limit;

    public static TheoryData<string, byte[], string> LengthsNearFourGigabytes() => new()
    {
        { "BINUNICODE", new PickleBytes().Proto().ClaimedLength((byte)'X', 0xFFFF_FFF0, 4).ToArray(), "declares a string of 4294967280 bytes" },
        { "BINBYTES", new PickleBytes().Proto().ClaimedLength((byte)'B', 0xFFFF_FFF0, 4).ToArray(), "declares a bytes object of 4294967280 bytes" },
        { "BINSTRING", new PickleBytes().Proto().ClaimedLength((byte)'T', 0x7FFF_FFFF, 4).ToArray(), "declares a string of 2147483647 bytes" },
        { "BINUNICODE8", new PickleBytes().Proto(4).ClaimedLength(0x8d, 0x1_0000_0000, 8).ToArray(), "declares a string of 4294967296 bytes" },
        { "BINBYTES8", new PickleBytes().Proto(4).ClaimedLength(0x8e, 0xFFFF_FFFF_0, 8).ToArray(), "declares a bytes object of 68719476720 bytes" },
        { "BYTEARRAY8", new PickleBytes().Proto(5).ClaimedLength(0x96, long.MaxValue, 8).ToArray(), $"declares a bytes object of {long.MaxValue} bytes" },
        { "negative BINBYTES8", new PickleBytes().Proto(4).ClaimedLength(0x8e, -16, 8).ToArray(), "declares a bytes object of -16 bytes" },
        { "LONG4", new PickleBytes().Proto().ClaimedLength(0x8b, 0x7FFF_FFF0, 4).ToArray(), "an integer of 2147483632 bytes" },
        { "FRAME", new PickleBytes().Proto(4).Frame(long.MaxValue).ClaimedLength((byte)'X', 0xFFFF_FFF0, 4).ToArray(), "declares a string of 4294967280 bytes" },
    };

    [Theory]
    [MemberData(nameof(LengthsNearFourGigabytes))]
    public void PickleLengthsNearFourGigabytesAreRefusedBeforeAllocating(string opcode, byte[] pickle, string problem)
    {
        RefusalCheck.Bytes($"{opcode}.pth", InZip(pickle), problem);
        RefusalCheck.Bytes($"{opcode}-legacy.pth", InLegacy(pickle), problem);
    }

    [Fact]
    public void BytesValueLargerThanTheBudgetInALargeLegacyFileIsRefusedBeforeAllocating()
    {
        // A 600 MB legacy file (sparse: no disk used) whose pickle really holds a 550 MB bytes value.
        string path = Path.Combine(Path.GetTempPath(), $"mlnetresnet-huge-bytes-{Guid.NewGuid():N}.pth");
        try
        {
            var pickle = new PickleBytes().Proto(4).ClaimedLength(0x8e, 550L << 20, 8).ToArray();
            using (var file = File.Create(path))
            {
                file.Write(CraftedCheckpoints.LegacyBytes(pickle));
                file.SetLength(600L << 20);
            }

            RefusalCheck.File(path, "MB of values by byte", "memory bomb");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StorageRecordClaimingFourGigabytesInASmallFileIsRefusedBeforeAllocating()
    {
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 0x3FFF_FFFC, size: new[] { 0x3FFF_FFFCL }, stride: new[] { 1L });
        var zip = CraftedCheckpoints.ZipBytes(("z/data.pkl", pickle), ("z/data/0", new byte[16]));
        ZipLayout.ClaimSize(zip, "z/data/0", 0xFFFF_FFF0);

        RefusalCheck.Bytes("claims-4gb.pth", zip, "'z/data/0' claims 4294967280 bytes", $"holds only {zip.Length}");
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u, "declares 4294967280 bytes; more than 268435456")]
    [InlineData(200u << 20, "'z/data.pkl' claims 209715200 bytes")]
    public void PickleRecordClaimingMoreThanTheFileIsRefusedBeforeAllocating(uint claimed, string problem)
    {
        var zip = CraftedCheckpoints.ZipBytes(("z/data.pkl", CraftedCheckpoints.OneTensorStateDict(4, new[] { 4L }, new[] { 1L })), ("z/data/0", new byte[16]));
        ZipLayout.ClaimSize(zip, "z/data.pkl", claimed);

        RefusalCheck.Bytes("pickle-claims.pth", zip, problem);
    }

    [Fact]
    public void ManyRecordNamesForTheSameBytesAreRefusedBeforeAllocatingEachCopy()
    {
        // 64 storages of 1 MiB each, all pointing at one 1 MiB record: 64 MiB of tensors from a 1 MiB file.
        const int records = 64, bytes = 1 << 20;
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark();
        for (int i = 0; i < records; i++)
            pickle.Str($"w{i}").Tensor("FloatStorage", $"{i}", bytes / 4, 0, new long[] { bytes / 4 }, new long[] { 1 }, legacy: false);
        var zip = CraftedCheckpoints.ZipBytes(("a/data.pkl", pickle.SetItems().Stop().ToArray()), ("a/data/0", new byte[bytes]));
        zip = ZipLayout.AddAliases(zip, "a/data/0", Enumerable.Range(1, records - 1).Select(i => $"a/data/{i}"));

        RefusalCheck.Bytes("aliases.pth", zip, "the storage records read so far claim", "the zip directory lies");
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("/etc/evil")]
    [InlineData("a\\..\\evil")]
    public void EntryNamesThatLeaveTheArchiveAreRefused(string name)
    {
        var zip = CraftedCheckpoints.ZipBytes(("a/data.pkl", CraftedCheckpoints.OneTensorStateDict(4, new[] { 4L }, new[] { 1L })),
            ("a/data/0", new byte[16]), (name, new byte[4]));

        RefusalCheck.Bytes("traversal.pth", zip, $"an entry named '{name}'", "tampered");
    }

    [Fact]
    public void ArchiveFolderNamedDotDotIsRefused()
    {
        var zip = CraftedCheckpoints.ZipBytes(("../data.pkl", CraftedCheckpoints.OneTensorStateDict(4, new[] { 4L }, new[] { 1L })), ("../data/0", new byte[16]));

        RefusalCheck.Bytes("dotdot.pth", zip, "an entry named '../data.pkl'");
    }

    [Fact]
    public void TwoRecordsWithOneNameAreRefused()
    {
        var pickle = CraftedCheckpoints.OneTensorStateDict(4, new[] { 4L }, new[] { 1L });
        var zip = CraftedCheckpoints.ZipBytes(("a/data.pkl", pickle), ("a/data/0", new byte[16]), ("a/data/0", new byte[16]));

        RefusalCheck.Bytes("duplicate.pth", zip, "two entries named 'a/data/0'");
    }

    public static TheoryData<long[], long[], long, string> LyingViews() => new()
    {
        { new long[] { 5 }, new long[] { 1 }, 0, "reaches element 4" },
        { new long[] { 2 }, new long[] { 1 }, 3, "reaches element 4" },
        { new long[] { 1 }, new long[] { 1 }, 4, "reaches element 4" },
        { new long[] { 1 }, new long[] { 1 }, long.MaxValue, "reaches element" },
        { new long[] { 2, 2 }, new long[] { 3, 1 }, 0, "reaches element 4" },
        { new long[] { -1 }, new long[] { 1 }, 0, "negative size, stride or offset" },
        { new long[] { 2 }, new long[] { -1 }, 1, "negative size, stride or offset" },
        { new long[] { 2 }, new long[] { 1 }, -1, "negative size, stride or offset" },
        { new long[] { 2 }, new long[] { long.MaxValue }, 0, "reaches element 9223372036854775807" },
        { new long[] { 3 }, new long[] { long.MaxValue }, 0, "overflows 64 bits" },
        { new long[] { long.MaxValue }, new long[] { 2 }, 0, "overflows 64 bits" },
        { new long[] { 1L << 32, 1L << 32 }, new long[] { 0, 0 }, 0, "overflows 64 bits" },
        { new long[] { 2, 2 }, new long[] { 1 }, 0, "sizes and strides differ in length" },
        { Enumerable.Repeat(1L, 65).ToArray(), Enumerable.Repeat(1L, 65).ToArray(), 0, "more than 64 dimensions" },
    };

    [Theory]
    [MemberData(nameof(LyingViews))]
    public void TensorWhoseSizeStrideOrOffsetLiesIsRefused(long[] size, long[] stride, long offset, string problem)
    {
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4, size, stride, offset);
        RefusalCheck.Bytes("view.pth", InZip(pickle), problem);

        var legacy = CraftedCheckpoints.OneTensorStateDict(numel: 4, size, stride, offset, legacy: true);
        RefusalCheck.Bytes("view-legacy.pth", CraftedCheckpoints.LegacyBytes(legacy, ("0", 4, new byte[16])), problem);
    }

    [Theory]
    [InlineData(-1L, 2L)]
    [InlineData(3L, 2L)]
    [InlineData(0L, 5L)]
    [InlineData(long.MaxValue, 1L)]
    public void LegacyStorageSliceOutsideItsRootIsRefused(long offset, long count)
    {
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark().Str("w")
            .Tensor("FloatStorage", "0", 4, 0, new long[] { 1 }, new long[] { 1 }, legacy: true, view: ("0v", offset, count))
            .SetItems().Stop().ToArray();

        RefusalCheck.Bytes("slice.pth", CraftedCheckpoints.LegacyBytes(pickle, ("0", 4, new byte[16])), "has a view outside its 4 elements");
    }

    [Fact]
    public void TensorSizeThatIsNotATupleOfIntsIsRefused()
    {
        var pickle = new PickleBytes().Proto().NewOrderedDict().Mark().Str("w")
            .Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(4).Tuple().BinPersId()
            .Int(0).Mark().Str("4").Tuple().IntTuple(1).False().NewOrderedDict().Tuple().Reduce().SetItems().Stop().ToArray();

        RefusalCheck.Bytes("size-str.pth", InZip(pickle), "gets a str as size, not an int");
    }
}
