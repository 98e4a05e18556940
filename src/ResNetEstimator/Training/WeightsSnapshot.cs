using static TorchSharp.torch;

namespace MlNetResNet.Training;

/// <summary>
/// An in-memory copy of a network's state (parameters and BatchNorm buffers), for keeping the best epoch.
/// Later captures copy into the same tensors, so keeping a new best allocates nothing.
/// </summary>
internal sealed class WeightsSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> saved = new();

    public bool IsEmpty => saved.Count == 0;

    public void Capture(ResNet network)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, live) in network.state_dict())
        {
            if (saved.TryGetValue(name, out var copy)) copy.copy_(live);
            else saved[name] = live.detach().clone().DetachFromDisposeScope();
        }
    }

    public void Restore(ResNet network)
    {
        if (IsEmpty) throw new InvalidOperationException("No weights were captured.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, live) in network.state_dict()) live.copy_(saved[name]);
    }

    public void Dispose()
    {
        foreach (var tensor in saved.Values) tensor.Dispose();
        saved.Clear();
    }
}
