using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Training.Format;

/// <summary>
/// Convolutions and the classifier compute in the dtype of their input. A float32 network fed bfloat16
/// activations therefore runs its matrix work in bfloat16 while its weights, gradients and optimizer state stay
/// float32: each call casts the weight, and autograd casts the gradient back. This is what autocast does;
/// TorchSharp 0.107 has no autocast. Batch norm takes bfloat16 input with its float32 parameters and statistics.
/// </summary>
internal static class InputPrecision
{
    public static Tensor Convolve(Conv2d conv, Tensor input)
    {
        var weight = conv.weight!;
        if (input.dtype == weight.dtype) return conv.forward(input);
        using var cast = weight.to(input.dtype);
        return functional.conv2d(input, cast, null, conv.stride, conv.padding!, conv.dilation, conv.groups);
    }

    public static Tensor Classify(Linear fc, Tensor input)
    {
        var weight = fc.weight!;
        if (input.dtype == weight.dtype) return fc.forward(input);
        using var castWeight = weight.to(input.dtype);
        using var castBias = fc.bias?.to(input.dtype);
        return functional.linear(input, castWeight, castBias);
    }

    /// <summary>A projection shortcut (1×1 convolution, then batch norm) with the same rule.</summary>
    public static Tensor Sequence(Sequential layers, Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in layers.children())
            x = layer is Conv2d conv ? Convolve(conv, x) : ((Module<Tensor, Tensor>)layer).forward(x);
        return x.MoveToOuterDisposeScope();
    }
}
