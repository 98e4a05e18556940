namespace MlNetResNet.Imaging;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every platform and .NET version.
/// A struct so each sample gets its own generator, seeded from (seed, epoch, sample), with no allocation and
/// no shared state for worker threads to race on — augmentation is then identical whatever the thread count.
/// </summary>
internal struct SampleRandom
{
    private ulong state;

    public SampleRandom(ulong seed) => state = seed;

    /// <summary>The generator of one sample in one epoch (the stream tells apart uses such as shuffling).</summary>
    public static SampleRandom For(int seed, int epoch, int sample, int stream = 0)
    {
        ulong key = Mix((ulong)(uint)seed ^ 0x5DEECE66DUL);
        key = Mix(key ^ (ulong)(uint)epoch);
        key = Mix(key ^ (ulong)(uint)sample);
        return new SampleRandom(Mix(key ^ (ulong)(uint)stream));
    }

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
