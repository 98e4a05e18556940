using TorchSharp;
using TorchSharp.Modules;
using MlNetResNet.Training.Format;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Models;

/// <summary>Two 3×3 convolutions with an identity (or projected) shortcut. Field names follow torchvision.</summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    /// <summary>Output channels per base channel: a basic block keeps its width (torchvision's <c>BasicBlock.expansion</c>).</summary>
    internal const int Expansion = 1;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    internal BasicBlock(long inChannels, long channels, long stride, Sequential? downsample) : base(nameof(BasicBlock))
    {
        conv1 = Conv2d(inChannels, channels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(channels);
        conv2 = Conv2d(channels, channels, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(channels);
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <summary>The last BN of the residual branch (zero-initialised on request).</summary>
    internal BatchNorm2d LastNorm => bn2;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(bn1.forward(InputPrecision.Convolve(conv1, input)));
        var branch = bn2.forward(InputPrecision.Convolve(conv2, x));
        var shortcut = downsample is null ? input : InputPrecision.Sequence(downsample, input);
        return functional.relu(branch.add_(shortcut)).MoveToOuterDisposeScope();
    }
}
