using System.Text.Json;
using MlNetResNet.Tests.Support;
using MlNetResNet.Tests.Weights.Support;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// PyTorch reads the .pth files we write: torch.load(weights_only=True) and a strict load_state_dict into
/// torchvision's model give back our logits. One Python call checks all three architectures.
/// </summary>
public class PyTorchExportTests(PyTorchExportTests.Exported exported, ITestOutputHelper output) : IClassFixture<PyTorchExportTests.Exported>
{
    public static readonly ResNetArchitecture[] Architectures =
        { ResNetArchitecture.ResNet18, ResNetArchitecture.ResNet50, ResNetArchitecture.ResNeXt50_32x4d };

    public static TheoryData<ResNetArchitecture> ArchitectureData() => new(Architectures);

    [Theory]
    [MemberData(nameof(ArchitectureData))]
    public void PyTorchGivesOurLogitsBack(ResNetArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        string name = ResNetArchitectures.Get(architecture).TorchvisionName;
        var ours = RawTensors.Read(exported.File($"{name}_our_logits.bin"), 2, 1000);
        var theirs = RawTensors.Read(exported.File($"{name}_torch_logits.bin"), 2, 1000);

        double diff = RawTensors.MaxAbsDiff(theirs, ours), tolerance = RawTensors.Tolerance(ours);
        output.WriteLine($"{name}: PyTorch on our .pth, max |logit diff| = {diff:E2} (tolerance {tolerance:E2})");
        Assert.True(diff <= tolerance, $"max |diff| {diff} > {tolerance}");
        var check = exported.Check.GetProperty(name);
        Assert.True(check.GetProperty("same_key_order").GetBoolean(), "torch.load's key order differs from torchvision's state_dict()");
        Assert.Equal(new[] { "torch.float32", "torch.int64" }, check.GetProperty("dtypes").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [MemberData(nameof(ArchitectureData))]
    public void WrittenKeysFollowTorchvisionOrder(ResNetArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        string name = ResNetArchitectures.Get(architecture).TorchvisionName;
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torchvision_state_dicts.json")))
            .RootElement.GetProperty("models").GetProperty(name).EnumerateArray().Select(e => e[0].GetString()).ToList();

        var written = PyTorchCheckpoint.Read(exported.File($"{name}.pth"));

        Assert.Equal(expected, written.Keys);
        Assert.Equal(ScalarType.Int64, written["bn1.num_batches_tracked"].dtype);
    }

    [Fact]
    public void OurFileLoadsBackIntoANewNetworkExactly()
    {
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);

        var report = net.LoadPyTorchWeights(exported.File("resnet18.pth"));

        Assert.True(report.IsComplete, report.ToString());
        Assert.Empty(report.DtypeConversions);
        var ours = RawTensors.Read(exported.File("resnet18_our_logits.bin"), 2, 1000);
        Assert.Equal(0.0, RawTensors.MaxAbsDiff(RawTensors.Logits(net, exported.Input), ours));
    }

    /// <summary>Writes each network's .pth, input and logits, then runs <c>pth_fixtures.py check</c> once.</summary>
    public sealed class Exported : IDisposable
    {
        private readonly TempFolder folder = new("mlnetresnet-export");

        public Exported()
        {
            manual_seed(20240611);
            Input = randn(2, 3, 64, 64);
            RawTensors.Write(File("input.bin"), Input);
            foreach (var architecture in Architectures)
            {
                using var scope = NewDisposeScope();
                using var net = ResNet.Create(architecture);
                PerturbNorms(net);
                string name = ResNetArchitectures.Get(architecture).TorchvisionName;
                net.SavePyTorchWeights(File($"{name}.pth"));
                RawTensors.Write(File($"{name}_our_logits.bin"), RawTensors.Logits(net, Input));
            }
            Check = JsonDocument.Parse(PythonReference.Run("pth_fixtures.py", "check", folder.Path)).RootElement;
        }

        public Tensor Input { get; }

        public JsonElement Check { get; }

        public string File(string name) => folder.File(name);

        public void Dispose()
        {
            Input.Dispose();
            folder.Dispose();
        }

        // Non-trivial BatchNorm state, so a swapped or dropped buffer would change the logits.
        private static void PerturbNorms(ResNet net)
        {
            using var noGrad = no_grad();
            foreach (var (_, module) in net.named_modules())
            {
                if (module is not BatchNorm2d norm) continue;
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.normal_(0.0, 0.2);
                norm.running_mean!.normal_(0.0, 0.1);
                norm.running_var!.uniform_(0.5, 1.5);
                norm.num_batches_tracked!.fill_(7);
            }
        }
    }
}
