using System.Text.Json;
using MlNetResNet.Tests.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>
/// Every .pth written by real PyTorch that the weight tests read, made by one call of pth_fixtures.py per
/// test run (shared by the classes of the "PyTorch .pth fixtures" collection).
/// </summary>
public sealed class PthFixtures : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-pth");

    public PthFixtures()
    {
        PythonReference.Run("pth_fixtures.py", "write", folder.Path);
        using var manifest = JsonDocument.Parse(System.IO.File.ReadAllText(File("manifest.json")));
        InputShape = manifest.RootElement.GetProperty("input_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
    }

    public long[] InputShape { get; }

    public string File(string name) => folder.File(name);

    /// <summary>The fixed input image batch the logits were computed on.</summary>
    public Tensor Input() => RawTensors.Read(File("input.bin"), InputShape);

    /// <summary>PyTorch's eval-mode logits stored in <paramref name="name"/> (batch × classes).</summary>
    public Tensor Logits(string name, long classes = 1000) => RawTensors.Read(File(name), InputShape[0], classes);

    public void Dispose() => folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PthFixturesCollection : ICollectionFixture<PthFixtures>
{
    public const string Name = "PyTorch .pth fixtures";
}
