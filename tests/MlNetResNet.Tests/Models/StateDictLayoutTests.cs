using System.Text.Json;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Models;

/// <summary>
/// Our state_dict must equal torchvision's key for key and shape for shape. (TorchSharp lists all
/// parameters before all buffers, PyTorch interleaves them per module, so order is not compared.)
/// </summary>
public class StateDictLayoutTests
{
    private static readonly Lazy<JsonElement> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torchvision_state_dicts.json")))
            .RootElement.GetProperty("models"));

    public static TheoryData<ResNetArchitecture> Architectures()
    {
        var data = new TheoryData<ResNetArchitecture>();
        foreach (var spec in ResNetArchitectures.All) data.Add(spec.Architecture);
        return data;
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void KeysAndShapesEqualTorchvision(ResNetArchitecture architecture)
    {
        var expected = Reference.Value.GetProperty(ResNetArchitectures.Get(architecture).TorchvisionName)
            .EnumerateArray()
            .Select(entry => (Key: entry[0].GetString()!, Shape: string.Join("x", entry[1].EnumerateArray().Select(d => d.GetInt64()))))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

        using var net = ResNet.Create(architecture);
        var actual = net.state_dict()
            .Select(pair => (Key: pair.Key, Shape: string.Join("x", pair.Value.shape)))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ForwardGivesOneLogitRowPerImage()
    {
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 7);
        net.eval();
        var logits = net.forward(randn(2, 3, 64, 64));
        Assert.Equal(new long[] { 2, 7 }, logits.shape);
    }

    [Fact]
    public void ZeroInitResidualZeroesTheLastNormOfEveryBranch()
    {
        using var net = ResNet.Create(ResNetArchitecture.ResNet50, zeroInitResidual: true);
        var lastNorms = net.state_dict().Where(p => p.Key.EndsWith("bn3.weight")).ToList();
        Assert.Equal(16, lastNorms.Count);
        Assert.All(lastNorms, p => Assert.Equal(0f, p.Value.abs().max().item<float>()));
        Assert.NotEqual(0f, net.state_dict()["layer1.0.bn1.weight"].abs().max().item<float>());
    }

    [Fact]
    public void ParseAcceptsTorchvisionAndEnumNames()
    {
        Assert.Equal(ResNetArchitecture.WideResNet50_2, ResNetArchitectures.Parse("wide_resnet50_2"));
        Assert.Equal(ResNetArchitecture.ResNeXt50_32x4d, ResNetArchitectures.Parse("ResNeXt50_32x4d"));
        Assert.Throws<ArgumentException>(() => ResNetArchitectures.Parse("vgg16"));
    }
}
