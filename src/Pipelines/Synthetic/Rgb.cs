namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>A linear RGB colour with channels in 0…255 (floats, so shading can overshoot before clamping).</summary>
internal readonly record struct Rgb(float R, float G, float B)
{
    public static Rgb operator *(Rgb c, float k) => new(c.R * k, c.G * k, c.B * k);

    public static Rgb operator +(Rgb a, Rgb b) => new(a.R + b.R, a.G + b.G, a.B + b.B);

    public static Rgb Lerp(Rgb a, Rgb b, float t) => new(a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);

    public static Rgb FromHex(uint hex) => new((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF);

    /// <summary>This colour moved by a random amount per channel (±<paramref name="spread"/>).</summary>
    public Rgb Jitter(Random random, float spread) => new(
        R + (float)(random.NextDouble() * 2 - 1) * spread,
        G + (float)(random.NextDouble() * 2 - 1) * spread,
        B + (float)(random.NextDouble() * 2 - 1) * spread);
}
