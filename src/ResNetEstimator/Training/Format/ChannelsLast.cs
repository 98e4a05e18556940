using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetResNet.Training.Format;

/// <summary>
/// NHWC ("channels-last") layout without a memory-format API: TorchSharp 0.107 exposes none, but libtorch
/// picks its channels-last convolution kernels from the strides alone, so a tensor of NCHW shape whose
/// strides put channels innermost is enough.
/// </summary>
public static class ChannelsLast
{
    /// <summary>Re-seats every 4-D convolution weight of <paramref name="module"/> in NHWC strides.</summary>
    public static void ConvertWeights(nn.Module module) =>
        ReseatConvolutionWeights(module, weight => IsChannelsLast(weight) ? null : Convert(weight));

    /// <summary>Re-seats every convolution weight in plain contiguous (NCHW) strides, as exporters and readers expect.</summary>
    public static void RestoreContiguous(nn.Module module) =>
        ReseatConvolutionWeights(module, weight => weight.is_contiguous() ? null : weight.contiguous());

    /// <summary>A copy of an NCHW batch with channels-last strides (same shape).</summary>
    public static Tensor Convert(Tensor batch)
    {
        using var nhwc = batch.permute(0, 2, 3, 1).contiguous();
        return nhwc.permute(0, 3, 1, 2);
    }

    /// <summary>True when a 4-D tensor's channel stride is 1 and the rest follow NHWC order.</summary>
    public static bool IsChannelsLast(Tensor tensor)
    {
        if (tensor.dim() != 4) return false;
        var stride = tensor.stride();
        var shape = tensor.shape;
        return stride[1] == 1 && stride[3] == shape[1] && stride[2] == shape[1] * shape[3] && stride[0] == shape[1] * shape[2] * shape[3];
    }

    // Points each convolution weight at a relaid copy of itself (null: already laid out), keeping the Parameter object.
    private static void ReseatConvolutionWeights(nn.Module module, Func<Tensor, Tensor?> relayout)
    {
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            if (child is not Conv2d conv) continue;
            var weight = conv.weight!;
            using var relaid = relayout(weight);
            if (relaid is not null) weight.set_(relaid);
        }
    }
}
