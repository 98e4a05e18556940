using MlNetResNet.Onnx.Proto;


namespace MlNetResNet.Weights.ImageNet;

/// <summary>The classifier after global pooling: a Gemm with stored weights.</summary>
internal sealed record OnnxLinearHead(NodeProto Gemm, TensorProto Weight, TensorProto? Bias, bool WeightIsTransposed);
