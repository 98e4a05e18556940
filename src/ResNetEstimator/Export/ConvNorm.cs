using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Export;

/// <summary>A convolution and the batch norm that follows it; <see cref="Path"/> is the conv's state-dict prefix.</summary>
internal sealed record ConvNorm(string Path, string NormPath, Conv2d Conv, BatchNorm2d Norm);
