using static TorchSharp.torch;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>A state dict read from a <c>.pth</c> file, with where it came from for the load report.</summary>
internal sealed record LoadedCheckpoint(string Path, string Format, string? WrapperKey, OrderedDictionary<string, Tensor> Tensors)
{
    /// <summary>One line for reports: the file, its format and, if any, the key the state dict was found under.</summary>
    public string Description =>
        WrapperKey is null ? $"{Path} ({Format} format)" : $"{Path} ({Format} format, state dict under '{WrapperKey}')";
}
