using TorchSharp;
using TorchSharp.Modules;
using MlNetResNet.Models;
using MlNetResNet.Training.Format;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet;

/// <summary>
/// A ResNet / ResNeXt / Wide-ResNet whose parameter and buffer names and shapes equal torchvision's
/// <c>state_dict()</c>, so official checkpoints load as they are.
/// </summary>
public sealed class ResNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear? fc;

    private ResNet(ArchitectureSpec spec, int numClasses, bool includeTop) : base(spec.TorchvisionName)
    {
        Spec = spec;
        NumClasses = includeTop ? numClasses : 0;
        conv1 = Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = BatchNorm2d(64);
        maxpool = MaxPool2d(3, stride: 2, padding: 1);

        long inChannels = 64;
        layer1 = MakeStage(spec, ref inChannels, 64, spec.Layers[0], stride: 1);
        layer2 = MakeStage(spec, ref inChannels, 128, spec.Layers[1], stride: 2);
        layer3 = MakeStage(spec, ref inChannels, 256, spec.Layers[2], stride: 2);
        layer4 = MakeStage(spec, ref inChannels, 512, spec.Layers[3], stride: 2);
        avgpool = AdaptiveAvgPool2d(new long[] { 1, 1 });
        if (includeTop) fc = Linear(inChannels, numClasses);
        RegisterComponents();
    }

    /// <summary>Builds a freshly initialised network (kaiming fan-out convs, BN weight 1 / bias 0).</summary>
    /// <param name="architecture">Which family member.</param>
    /// <param name="numClasses">Outputs of <c>fc</c>.</param>
    /// <param name="includeTop">False drops <c>fc</c>: <see cref="Module{T,TResult}.forward"/> then returns pooled features.</param>
    /// <param name="zeroInitResidual">Zero the last BN's weight in every residual branch (each block starts as identity).</param>
    public static ResNet Create(ResNetArchitecture architecture, int numClasses = 1000, bool includeTop = true,
        bool zeroInitResidual = false)
    {
        if (includeTop && numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A classifier needs at least one class.");
        var net = new ResNet(ResNetArchitectures.Get(architecture), numClasses, includeTop);
        net.Initialize(zeroInitResidual);
        return net;
    }

    /// <summary>
    /// Builds a network from a spec outside the table, e.g. a ResNet-18 variant whose ONNX weights have a
    /// different block count per stage (see <see cref="ImageNetWeights"/>).
    /// </summary>
    public static ResNet Create(ArchitectureSpec spec, int numClasses = 1000, bool includeTop = true, bool zeroInitResidual = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Layers is not { Length: 4 } || spec.Layers.Any(n => n < 1))
            throw new ArgumentException("A ResNet has 4 stages of at least one block each.", nameof(spec));
        if (spec.Groups < 1 || spec.WidthPerGroup < 1 || (spec.Block == BlockKind.Basic && (spec.Groups != 1 || spec.WidthPerGroup != 64)))
            throw new ArgumentException("Basic blocks need groups 1 and width 64; groups and width must be positive.", nameof(spec));
        if (includeTop && numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A classifier needs at least one class.");
        var net = new ResNet(spec, numClasses, includeTop);
        net.Initialize(zeroInitResidual);
        return net;
    }

    /// <summary>The architecture table row this network was built from.</summary>
    public ArchitectureSpec Spec { get; }

    /// <summary>The architecture this network was built from.</summary>
    public ResNetArchitecture Architecture => Spec.Architecture;

    /// <summary>Outputs of <c>fc</c>; 0 without a top.</summary>
    public int NumClasses { get; }

    /// <summary>Width of the pooled features that feed <c>fc</c> (512 or 2048).</summary>
    public int FeatureDimension => Spec.FeatureDimension;

    /// <summary>The classifier head, null when built without a top.</summary>
    public Linear? Head => fc;

    /// <summary>The stem and the four stages, in order, for freezing by stage.</summary>
    public IReadOnlyList<Module> Stages => new Module[] { conv1, bn1, layer1, layer2, layer3, layer4 };

    /// <summary>Pooled, flattened backbone features: <c>[N, FeatureDimension]</c>.</summary>
    public Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = maxpool.forward(functional.relu(bn1.forward(InputPrecision.Convolve(conv1, input))));
        x = layer4.forward(layer3.forward(layer2.forward(layer1.forward(x))));
        return avgpool.forward(x).flatten(1).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor input)
    {
        if (fc is null) return Features(input);
        using var features = Features(input);
        return InputPrecision.Classify(fc, features);
    }

    private static Sequential MakeStage(ArchitectureSpec spec, ref long inChannels, long channels, int blocks, long stride)
    {
        long outChannels = channels * spec.Expansion;
        var stage = new List<(string, Module<Tensor, Tensor>)>(blocks);
        for (int i = 0; i < blocks; i++)
        {
            long blockStride = i == 0 ? stride : 1;
            Sequential? downsample = null;
            if (i == 0 && (blockStride != 1 || inChannels != outChannels))
            {
                downsample = Sequential(
                    ("0", Conv2d(inChannels, outChannels, 1, stride: blockStride, bias: false)),
                    ("1", BatchNorm2d(outChannels)));
            }
            Module<Tensor, Tensor> block = spec.Block == BlockKind.Basic
                ? new BasicBlock(inChannels, channels, blockStride, downsample)
                : new Bottleneck(inChannels, channels, blockStride, downsample, spec.Groups, spec.WidthPerGroup);
            stage.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), block));
            inChannels = outChannels;
        }
        return Sequential(stage);
    }

    private void Initialize(bool zeroInitResidual)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    break;
                case BatchNorm2d norm:
                    init.ones_(norm.weight);
                    init.zeros_(norm.bias);
                    break;
            }
        }
        if (!zeroInitResidual) return;
        foreach (var (_, module) in named_modules())
        {
            var last = module switch { BasicBlock b => b.LastNorm, Bottleneck b => b.LastNorm, _ => null };
            if (last is not null) init.zeros_(last.weight);
        }
    }
}
