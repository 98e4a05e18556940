using MlNetResNet.Tests.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Strict mode refuses state dicts that do not fit (listing what is wrong, loading nothing); non-strict mode loads
/// what fits and reports the rest.
/// </summary>
public class StateDictMatchingTests(StateDictMatchingTests.SavedResNet18 saved) : IClassFixture<StateDictMatchingTests.SavedResNet18>
{
    [Fact]
    public void WrongShapeInStrictModeLoadsNothing()
    {
        string path = saved.Variant("wrong_shape.pth", tensors => tensors["conv1.weight"] = zeros(64, 3, 5, 5));
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);
        var before = net.state_dict()["layer1.0.conv1.weight"].clone();

        var error = Assert.Throws<WeightLoadException>(() => net.LoadPyTorchWeights(path));

        Assert.Contains("wrong_shape.pth", error.Message);
        Assert.Contains("conv1.weight (shape [64, 3, 5, 5] in the file, [64, 3, 7, 7] in the network)", error.Message);
        Assert.Contains("Nothing was loaded", error.Message);
        Assert.True(net.state_dict()["layer1.0.conv1.weight"].Equals(before), "a failed strict load changed the network");
    }

    [Fact]
    public void WrongShapeInNonStrictModeSkipsOnlyThatTensor()
    {
        string path = saved.Variant("wrong_shape.pth", tensors => tensors["conv1.weight"] = zeros(64, 3, 5, 5));
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);
        var conv1Before = net.state_dict()["conv1.weight"].clone();

        var report = net.LoadPyTorchWeights(path, strict: false);

        var skipped = Assert.Single(report.SkippedKeys);
        Assert.Equal("conv1.weight", skipped.Key);
        Assert.Contains("[64, 3, 5, 5]", skipped.Reason);
        Assert.Equal(121, report.LoadedKeys.Count);
        Assert.False(report.IsComplete);
        Assert.True(net.state_dict()["conv1.weight"].Equals(conv1Before));
        Assert.True(net.state_dict()["layer1.0.conv1.weight"].Equals(saved.Tensors["layer1.0.conv1.weight"]));
    }

    [Fact]
    public void MissingAndUnexpectedKeysAreListed()
    {
        string path = saved.Variant("renamed.pth", tensors =>
        {
            tensors.Remove("layer4.1.bn2.bias");
            tensors["extra.weight"] = ones(3);
        });
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);

        var error = Assert.Throws<WeightLoadException>(() => net.LoadPyTorchWeights(path));
        Assert.Contains("1 missing from the file: layer4.1.bn2.bias", error.Message);
        Assert.Contains("1 unexpected in the file: extra.weight", error.Message);

        var report = net.LoadPyTorchWeights(path, strict: false);
        Assert.Equal(new[] { "layer4.1.bn2.bias" }, report.MissingKeys);
        Assert.Equal(new[] { "extra.weight" }, report.UnexpectedKeys);
        Assert.Equal(121, report.LoadedKeys.Count);
        Assert.Contains("Missing from the file (1): layer4.1.bn2.bias", report.ToString());
    }

    [Fact]
    public void ArchitectureMismatchIsAStrictError()
    {
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet34);

        var error = Assert.Throws<WeightLoadException>(() => net.LoadPyTorchWeights(saved.Path));

        Assert.Contains("resnet34", error.Message);
        Assert.Contains("missing from the file: layer1.2.conv1.weight", error.Message);
    }

    [Fact]
    public void NothingFittingIsAnErrorEvenWhenNotStrict()
    {
        string path = saved.Variant("unrelated.pth", tensors =>
        {
            tensors.Clear();
            tensors["encoder.weight"] = ones(2, 2);
        });
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);

        var error = Assert.Throws<WeightLoadException>(() => net.LoadPyTorchWeights(path, strict: false));

        Assert.Contains("no tensor in the file fits", error.Message);
    }

    [Fact]
    public void KeysCollidingOnceThePrefixIsStrippedAreRefused()
    {
        string path = saved.Variant("collide.pth", tensors => tensors["module.conv1.weight"] = tensors["conv1.weight"]);
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);

        var error = Assert.Throws<WeightLoadException>(() => net.LoadPyTorchWeights(path));

        Assert.Contains("'module.conv1.weight' and 'conv1.weight' both name 'conv1.weight'", error.Message);
    }

    /// <summary>A ResNet-18 .pth written once for the class, and variants of it.</summary>
    public sealed class SavedResNet18 : IDisposable
    {
        private readonly TempFolder folder = new("mlnetresnet-match");

        public SavedResNet18()
        {
            Path = folder.File("resnet18.pth");
            using (var net = ResNet.Create(ResNetArchitecture.ResNet18)) net.SavePyTorchWeights(Path);
            Tensors = PyTorchCheckpoint.Read(Path);
        }

        public string Path { get; }

        public IReadOnlyDictionary<string, Tensor> Tensors { get; }

        /// <summary>Writes the saved state dict after <paramref name="change"/> to a new file in the class folder.</summary>
        public string Variant(string name, Action<Dictionary<string, Tensor>> change)
        {
            var tensors = Tensors.ToDictionary(p => p.Key, p => p.Value);
            change(tensors);
            string path = folder.File(name);
            PyTorchCheckpoint.Write(path, tensors);
            return path;
        }

        public void Dispose()
        {
            foreach (var tensor in Tensors.Values) tensor.Dispose();
            folder.Dispose();
        }
    }
}
