using MlNetResNet.Tests.Support;
using MlNetResNet.Tests.Weights.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Every zip record the reader uses is checked against its CRC-32: one flipped bit anywhere in the pickle or in a
/// storage is refused naming the record (PyTorch loads such files silently), and our writer's CRCs pass Python's
/// own zip check.
/// </summary>
[Collection(ProtocolFixturesCollection.Name)]
public class ChecksumTests(ProtocolFixtures fixtures) : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-crc");

    public void Dispose() => folder.Dispose();

    private byte[] OurFile()
    {
        string path = folder.File("ours.pth");
        using var scope = NewDisposeScope();
        // 300 x 300 floats: a record past 64 KB, where the vectorised CRC takes over from any small-buffer path.
        PyTorchCheckpoint.Write(path, new Dictionary<string, Tensor> { ["big"] = randn(300, 300), ["small"] = arange(5), ["flag"] = ones(3) > 0 });
        return File.ReadAllBytes(path);
    }

    public static TheoryData<string> Sources() => new() { "torch", "ours" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void OneFlippedBitInAnyRecordTheReaderUsesIsRefusedNamingTheRecord(string source)
    {
        var original = source == "torch" ? File.ReadAllBytes(fixtures.File("protocol4_zip.pth")) : OurFile();
        var used = ZipLayout.Records(original).Where(r => r.Size > 0 && (r.Name.EndsWith("/data.pkl") || r.Name.EndsWith("/byteorder") || r.Name.Contains("/data/"))).ToList();
        Assert.True(used.Count >= 3, $"only {used.Count} records");
        var random = new Random(11);
        foreach (var record in used)
        {
            foreach (int offset in new[] { 0, random.Next(record.Size), record.Size - 1 })
            {
                var flipped = (byte[])original.Clone();
                flipped[record.Data + offset] ^= (byte)(1 << random.Next(8));

                RefusalCheck.Bytes($"{source}-flipped.pth", flipped, $"the record '{record.Name}' fails its CRC-32 check", "corrupt");
            }
        }
    }

    [Fact]
    public void PyTorchItselfLoadsTheFlippedFileThatWeRefuse()
    {
        var bytes = File.ReadAllBytes(fixtures.File("protocol4_zip.pth"));
        var storage = ZipLayout.Records(bytes).First(r => r.Name.EndsWith("/data/0"));
        bytes[storage.Data + storage.Size / 2] ^= 0x40;
        string path = folder.File("flipped.pth");
        File.WriteAllBytes(path, bytes);

        Assert.StartsWith("loaded", PythonReference.Run("pth_protocols.py", "load", path).Trim());
        RefusalCheck.File(path, "fails its CRC-32 check");
    }

    [Fact]
    public void FlipInTheUnreadTailOfARecordLongerThanItsStorageIsRefused()
    {
        // The storage declares 4 floats; the record holds 32 bytes. Only 16 are copied, all 32 are checked.
        var pickle = CraftedCheckpoints.OneTensorStateDict(numel: 4, size: new[] { 4L }, stride: new[] { 1L });
        var zip = CraftedCheckpoints.ZipBytes(("t/data.pkl", pickle), ("t/data/0", new byte[32]));
        using (var scope = NewDisposeScope()) Assert.Single(PyTorchCheckpoint.ReadDetailed("tail.pth", new MemoryStream(zip)).Tensors);
        zip[ZipLayout.Record(zip, "t/data/0").Data + 20] ^= 1;

        RefusalCheck.Bytes("tail.pth", zip, "the record 't/data/0' fails its CRC-32 check");
    }

    [Fact]
    public void WrongChecksumInTheZipDirectoryIsRefused()
    {
        var zip = OurFile();
        var pickle = ZipLayout.Record(zip, "archive/data.pkl");
        zip[pickle.CentralHeader + 16] ^= 0x01;

        RefusalCheck.Bytes("directory-crc.pth", zip, "the record 'archive/data.pkl' fails its CRC-32 check");
    }

    [Fact]
    public void OurWriterChecksumsPassPythonsZipCheck()
    {
        string path = folder.File("ours-checked.pth");
        File.WriteAllBytes(path, OurFile());

        Assert.Equal("ok", PythonReference.Run("pth_protocols.py", "testzip", path).Trim());
    }
}
