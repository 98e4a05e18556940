using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Training.Format;

/// <summary>How the training step lays out and computes its tensors, resolved from the options and the device.</summary>
internal sealed record StepFormat(bool ChannelsLast, ScalarType TrainingComputeType)
{
    // Measured on a 2-core Sapphire Rapids (docs/BENCHMARKS.md): float32 channels-last is slower at 64 px
    // (87 vs 92 img/s) and faster at 224 px (14.2 vs 11.5); with bfloat16 it is faster at both, and on an H200
    // (224 px) it matched or beat NCHW.
    private const int CpuChannelsLastFromSize = 128;

    public static StepFormat Resolve(ResNetClassifierOptions options, Device device)
    {
        bool bfloat16 = options.Precision == TrainingPrecision.BFloat16Mixed;
        bool channelsLast = options.Layout switch
        {
            TensorLayout.ChannelsLast => true,
            TensorLayout.ChannelsFirst => false,
            _ => device.type == DeviceType.CUDA || bfloat16 || options.ImageSize >= CpuChannelsLastFromSize,
        };
        return new StepFormat(channelsLast, bfloat16 ? ScalarType.BFloat16 : ScalarType.Float32);
    }

    /// <summary>The network input of a training step: layout, then compute type (the network follows its input's type).</summary>
    public Tensor TrainingInput(Tensor images) => EvaluationInput(images).to(TrainingComputeType);

    /// <summary>The network input for validation: float32, as the saved model computes.</summary>
    public Tensor EvaluationInput(Tensor images) => ChannelsLast ? MlNetResNet.Training.Format.ChannelsLast.Convert(images) : images;
}
