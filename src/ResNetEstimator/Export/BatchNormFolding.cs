using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetResNet.Export;

/// <summary>
/// Folds an eval-mode batch norm into the convolution before it:
/// <c>W' = W·γ/√(σ²+ε)</c> per output channel, <c>b' = β − μ·γ/√(σ²+ε)</c> (plus the conv's own bias, scaled).
/// Computed in float64 so the folded float32 weights round only once.
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>The folded float32 weight [out, in/groups, kh, kw] and bias [out], handed to the caller's scope.</summary>
    public static (Tensor Weight, Tensor Bias) Fold(Conv2d conv, BatchNorm2d norm)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var mean = Float64(norm.running_mean, "running_mean", norm);
        var variance = Float64(norm.running_var, "running_var", norm);
        long channels = mean.shape[0];
        var gamma = norm.weight is null ? ones(channels, ScalarType.Float64) : Float64(norm.weight, "weight", norm);
        var beta = norm.bias is null ? zeros(channels, ScalarType.Float64) : Float64(norm.bias, "bias", norm);
        var scale = gamma / (variance + norm.eps).sqrt();
        var weight = Float64(conv.weight, "weight", conv) * scale.view(-1, 1, 1, 1);
        var convBias = conv.bias is null ? zeros(channels, ScalarType.Float64) : Float64(conv.bias, "bias", conv);
        var bias = beta + (convBias - mean) * scale;
        return (weight.to(ScalarType.Float32).MoveToOuterDisposeScope(), bias.to(ScalarType.Float32).MoveToOuterDisposeScope());
    }

    private static Tensor Float64(Tensor? tensor, string what, nn.Module owner) =>
        (tensor ?? throw new InvalidOperationException($"{owner.GetName()} has no {what}: cannot fold batch norm."))
        .detach().to(ScalarType.Float64, CPU);
}
