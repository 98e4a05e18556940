using System.Text.Json;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>
/// Small state dicts saved by real PyTorch with pickle protocols 4 and 5 (zip and legacy), made by one call of
/// pth_protocols.py per test run, with each tensor's values and the opcodes each file's pickles use.
/// </summary>
public sealed class ProtocolFixtures : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-pthproto");

    public ProtocolFixtures()
    {
        PythonReference.Run("pth_protocols.py", "write", folder.Path);
        using var manifest = JsonDocument.Parse(System.IO.File.ReadAllText(File("manifest.json")));
        Shapes = manifest.RootElement.GetProperty("tensors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(d => d.GetInt64()).ToArray());
        Opcodes = manifest.RootElement.GetProperty("files").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(o => o.GetString()!).ToHashSet());
    }

    /// <summary>Tensor key → shape, in the file's order.</summary>
    public IReadOnlyDictionary<string, long[]> Shapes { get; }

    /// <summary>File name → names of the pickle opcodes its pickles use (Python's pickletools names).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Opcodes { get; }

    public string File(string name) => folder.File(name);

    /// <summary>The values PyTorch saved for <paramref name="key"/>, as float64.</summary>
    public double[] Values(string key)
    {
        var bytes = System.IO.File.ReadAllBytes(File(key + ".bin"));
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    public void Dispose() => folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ProtocolFixturesCollection : ICollectionFixture<ProtocolFixtures>
{
    public const string Name = "PyTorch protocol 4/5 .pth fixtures";
}
