using static TorchSharp.torch;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>One of torch's typed storage classes (<c>torch.FloatStorage</c> …): its element type and width.</summary>
internal sealed record StorageType(string Name, ScalarType DType, int ElementSize);
