using static TorchSharp.torch;

namespace MlNetResNet.Training.Recipe;

/// <summary>
/// timm's <c>ModelEmaV2</c>: an exponential moving average of every state entry (parameters and BatchNorm running
/// statistics; integer counters are copied), updated after each optimizer step with the warm-up
/// decay min(decay, (1 + updates) / (10 + updates)), so the average is not stuck near the random start early on.
/// </summary>
internal sealed class WeightsAverage : IDisposable
{
    private readonly Dictionary<string, Tensor> average = new();
    private long updates;

    public WeightsAverage(ResNet network, double decay)
    {
        if (decay is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "The decay must be in [0, 1).");
        Decay = decay;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, live) in network.state_dict()) average[name] = live.detach().clone().DetachFromDisposeScope();
    }

    public double Decay { get; }

    /// <summary>The decay the next update uses.</summary>
    public double NextDecay => Math.Min(Decay, (1.0 + updates) / (10.0 + updates));

    /// <summary>The decay whose half-life is one epoch: 0.5^(1 / steps).</summary>
    public static double HalfLifeOfOneEpoch(int stepsPerEpoch) => Math.Pow(0.5, 1.0 / Math.Max(1, stepsPerEpoch));

    /// <summary>average ← d · average + (1 − d) · live, for every floating-point entry.</summary>
    public void Update(ResNet network)
    {
        double decay = NextDecay;
        updates++;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, live) in network.state_dict())
        {
            var kept = average[name];
            if (kept.is_floating_point()) kept.lerp_(live.to(kept.dtype), 1 - decay);
            else kept.copy_(live);
        }
    }

    /// <summary>Writes the average into the network's own tensors (the caller keeps the live weights if it needs them).</summary>
    public void CopyTo(ResNet network)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, live) in network.state_dict()) live.copy_(average[name]);
    }

    /// <summary>A copy of one averaged entry, for tests.</summary>
    internal float[] Values(string name) => average[name].cpu().to(ScalarType.Float32).data<float>().ToArray();

    public void Dispose()
    {
        foreach (var tensor in average.Values) tensor.Dispose();
        average.Clear();
    }
}
