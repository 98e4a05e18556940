using TorchSharp;
using TorchSharp.Modules;
using MlNetResNet.Training.Format;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Models;

/// <summary>
/// 1×1 reduce → 3×3 (grouped, carries the stride: "ResNet v1.5") → 1×1 expand ×<see cref="Expansion"/>, plus shortcut.
/// Field names follow torchvision.
/// </summary>
public sealed class Bottleneck : Module<Tensor, Tensor>
{
    /// <summary>Output channels per base channel: the last 1×1 widens by this factor (torchvision's <c>Bottleneck.expansion</c>).</summary>
    internal const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    internal Bottleneck(long inChannels, long channels, long stride, Sequential? downsample, int groups, int widthPerGroup)
        : base(nameof(Bottleneck))
    {
        long width = channels * widthPerGroup / 64 * groups;
        conv1 = Conv2d(inChannels, width, 1, bias: false);
        bn1 = BatchNorm2d(width);
        conv2 = Conv2d(width, width, 3, stride: stride, padding: 1, groups: groups, bias: false);
        bn2 = BatchNorm2d(width);
        conv3 = Conv2d(width, channels * Expansion, 1, bias: false);
        bn3 = BatchNorm2d(channels * Expansion);
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <summary>The last BN of the residual branch (zero-initialised on request).</summary>
    internal BatchNorm2d LastNorm => bn3;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(bn1.forward(InputPrecision.Convolve(conv1, input)));
        x = functional.relu(bn2.forward(InputPrecision.Convolve(conv2, x)));
        x = bn3.forward(InputPrecision.Convolve(conv3, x));
        var shortcut = downsample is null ? input : InputPrecision.Sequence(downsample, input);
        return functional.relu(x.add_(shortcut)).MoveToOuterDisposeScope();
    }
}
