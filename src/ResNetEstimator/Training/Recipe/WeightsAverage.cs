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
    private const int FileMagic = 0x31414D45; // "EMA1"
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

    /// <summary>
    /// Writes the update count and every entry (name, shape, values as float32 or int64) for a checkpoint; the state
    /// dict holds no other element types.
    /// </summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FileMagic);
        writer.Write(updates);
        writer.Write(average.Count);
        foreach (var (name, kept) in average)
        {
            writer.Write(name);
            writer.Write(kept.is_floating_point());
            writer.Write(kept.shape.Length);
            foreach (long size in kept.shape) writer.Write(size);
            using var host = kept.cpu();
            if (kept.is_floating_point())
            {
                using var values = host.to(ScalarType.Float32).contiguous();
                foreach (float value in values.data<float>()) writer.Write(value);
            }
            else
            {
                using var values = host.to(ScalarType.Int64).contiguous();
                foreach (long value in values.data<long>()) writer.Write(value);
            }
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this average, which must have the same entries and shapes.</summary>
    public void Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != FileMagic) throw new InvalidDataException($"'{path}' is not a weight-average checkpoint.");
        long savedUpdates = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count != average.Count) throw new InvalidDataException($"'{path}' holds {count} entries; this network has {average.Count}.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int entry = 0; entry < count; entry++)
        {
            string name = reader.ReadString();
            bool floating = reader.ReadBoolean();
            var shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
            if (!average.TryGetValue(name, out var kept) || !kept.shape.SequenceEqual(shape))
                throw new InvalidDataException($"'{path}' holds '{name}' [{string.Join(", ", shape)}], which this network does not have.");
            long size = shape.Aggregate(1L, (a, b) => a * b);
            var values = floating
                ? tensor(Enumerable.Range(0, (int)size).Select(_ => reader.ReadSingle()).ToArray())
                : tensor(Enumerable.Range(0, (int)size).Select(_ => reader.ReadInt64()).ToArray());
            kept.copy_(values.reshape(shape));
        }
        updates = savedUpdates;
    }

    /// <summary>A copy of one averaged entry, for tests.</summary>
    internal float[] Values(string name) => average[name].cpu().to(ScalarType.Float32).data<float>().ToArray();

    public void Dispose()
    {
        foreach (var tensor in average.Values) tensor.Dispose();
        average.Clear();
    }
}
