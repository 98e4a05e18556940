// Training-step throughput of our ResNet on one synthetic batch: the counterpart of
// benchmarks/peer/gpu_train_step.py. Prints one JSON line per configuration.
using System.Diagnostics;
using System.Text.Json;
using MlNetResNet.Training.Format;
using MlNetResNet;
using MlNetResNet.Training;
using TorchSharp;
using static TorchSharp.torch;

var settings = StepSettings.Parse(args);
var device = settings.Device == "cuda" ? CUDA : CPU;
if (settings.Device == "cuda") InitializeDeviceType(DeviceType.CUDA);
torch.manual_seed(1);
if (settings.Device == "cuda")
{
    // Set both explicitly, as the peer script does: libtorch's default enables TF32 for cuDNN convolutions.
    backends.cuda.matmul.allow_tf32 = settings.Tf32;
    backends.cudnn.allow_tf32 = settings.Tf32;
}

var dtype = settings.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
using var net = ResNet.Create(ResNetArchitectures.Parse(settings.Arch), numClasses: 1000);
net.to(device, dtype);
net.train();
if (settings.ChannelsLast) ChannelsLast.ConvertWeights(net);
using var torchAdam = settings.FlatAdam ? null : optim.Adam(net.parameters(), lr: 1e-4);
using var flatAdam = settings.FlatAdam ? new FlatAdam(net.parameters(), 1e-4) : null;
using var contiguousImages = randn(settings.Batch, 3, settings.Size, settings.Size, dtype: dtype, device: device);
using var images = settings.ChannelsLast ? ChannelsLast.Convert(contiguousImages) : contiguousImages.alias();
using var labels = randint(0, 1000, settings.Batch, dtype: ScalarType.Int64, device: device);

void Step()
{
    using var scope = NewDisposeScope();
    torchAdam?.zero_grad();
    flatAdam?.ZeroGrad();
    var input = settings.MixedBf16 ? images.to(ScalarType.BFloat16) : images;
    var loss = nn.functional.cross_entropy(net.forward(input).to(ScalarType.Float32), labels);
    loss.backward();
    torchAdam?.step();
    flatAdam?.Step();
}

for (int i = 0; i < settings.Warmup; i++) Step();
if (device.type == DeviceType.CUDA) cuda.synchronize();
var clock = Stopwatch.StartNew();
for (int i = 0; i < settings.Steps; i++) Step();
if (device.type == DeviceType.CUDA) cuda.synchronize();
double seconds = clock.Elapsed.TotalSeconds;

Console.WriteLine(JsonSerializer.Serialize(new
{
    impl = "torchsharp",
    arch = settings.Arch,
    batch = settings.Batch,
    size = settings.Size,
    device = settings.Device,
    tf32 = settings.Tf32,
    bf16 = settings.Bf16,
    flatAdam = settings.FlatAdam,
    channelsLast = settings.ChannelsLast,
    mixedBf16 = settings.MixedBf16,
    steps = settings.Steps,
    imagesPerSecond = settings.Steps * settings.Batch / seconds,
    msPerStep = seconds * 1000 / settings.Steps,
}));

internal sealed record StepSettings(string Arch, int Batch, int Size, int Steps, int Warmup, string Device, bool Tf32, bool Bf16, bool FlatAdam, bool ChannelsLast, bool MixedBf16)
{
    public static StepSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        return new StepSettings(
            Value("--arch", "resnet50"), int.Parse(Value("--batch", "64")), int.Parse(Value("--size", "224")),
            int.Parse(Value("--steps", "30")), int.Parse(Value("--warmup", "5")), Value("--device", "cuda"),
            args.Contains("--tf32"), args.Contains("--bf16"), args.Contains("--flat-adam"), args.Contains("--channels-last"), args.Contains("--mixed-bf16"));
    }
}
