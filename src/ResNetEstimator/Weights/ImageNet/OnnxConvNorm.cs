using MlNetResNet.Onnx.Proto;

using MlNetResNet.Onnx;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>A Conv followed by BatchNormalization in an ONNX graph, with their stored tensors.</summary>
internal sealed record OnnxConvNorm(
    NodeProto Conv, TensorProto Weight, TensorProto? Bias,
    NodeProto Norm, TensorProto Scale, TensorProto Shift, TensorProto Mean, TensorProto Variance, float Epsilon)
{
    public long[] Strides => OnnxGraphIndex.Ints(Conv, "strides", new long[] { 1, 1 });
    public long[] Pads => OnnxGraphIndex.Ints(Conv, "pads", new long[] { 0, 0, 0, 0 });
    public long[] Dilations => OnnxGraphIndex.Ints(Conv, "dilations", new long[] { 1, 1 });
    public long Group => OnnxGraphIndex.Int(Conv, "group", 1);
    public string Output => Norm.Output[0];
}
