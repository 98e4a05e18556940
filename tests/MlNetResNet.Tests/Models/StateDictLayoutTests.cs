using System.Text.Json;
using MlNetResNet.Tests.Support;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Models;

/// <summary>
/// Our state_dict must equal torchvision's key for key and shape for shape. (TorchSharp lists all
/// parameters before all buffers, PyTorch interleaves them per module, so order is not compared.)
/// </summary>
public class StateDictLayoutTests
{
    /// <summary>
    /// One row per row of <see cref="ResNetArchitectures"/>: our architecture, and how torchvision builds the same
    /// network (its constructor name, or the generic <c>ResNet(block, layers)</c> where it has none). Adding an
    /// architecture adds one row here (docs/ARCHITECTURE.md).
    /// </summary>
    public static TheoryData<ResNetArchitecture, string> Architectures() => new()
    {
        { ResNetArchitecture.ResNet18, "resnet18" },
        { ResNetArchitecture.ResNet34, "resnet34" },
        { ResNetArchitecture.ResNet50, "resnet50" },
        { ResNetArchitecture.ResNet101, "resnet101" },
        { ResNetArchitecture.ResNet152, "resnet152" },
        { ResNetArchitecture.ResNeXt50_32x4d, "resnext50_32x4d" },
        { ResNetArchitecture.ResNeXt101_32x8d, "resnext101_32x8d" },
        { ResNetArchitecture.ResNeXt101_64x4d, "resnext101_64x4d" },
        { ResNetArchitecture.WideResNet50_2, "wide_resnet50_2" },
        { ResNetArchitecture.WideResNet101_2, "wide_resnet101_2" },
        { ResNetArchitecture.ResNet26, "ResNet(Bottleneck, [2, 2, 2, 2])" },
    };

    // One Python run builds every row's torchvision network (keys and shapes only, no initialisation).
    private static readonly Lazy<JsonElement> Torchvision = new(() => JsonDocument.Parse(PythonReference.Run(
        "torchvision_state_dicts.py", Architectures().Select(row => (string)row[1]).ToArray())).RootElement);

    [Fact]
    public void EveryArchitectureOfTheTableHasARow()
    {
        Assert.Equal(ResNetArchitectures.All.Select(spec => spec.Architecture), Architectures().Select(row => (ResNetArchitecture)row[0]));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void KeysAndShapesEqualTorchvision(ResNetArchitecture architecture, string torchvisionNetwork)
    {
        var expected = Torchvision.Value.GetProperty(torchvisionNetwork)
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
