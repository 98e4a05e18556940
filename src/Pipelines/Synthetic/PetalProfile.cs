namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// Half-width of a petal (0…1) along its length t (0 = base, 1 = tip): a rounded base up to the widest point
/// <see cref="Peak"/>, then a tip between straight-pointed (<see cref="TipRoundness"/> 0) and round (1).
/// <see cref="NotchedTip"/> cuts the square, toothed tip of a dandelion floret instead.
/// </summary>
internal readonly record struct PetalProfile(float Peak, float TipRoundness, bool NotchedTip = false)
{
    public static PetalProfile Daisy => new(0.3f, 0.9f);
    public static PetalProfile Sunflower => new(0.28f, 0.05f);
    public static PetalProfile Tulip => new(0.42f, 0.3f);
    public static PetalProfile Leaf => new(0.35f, 0.1f);
    public static PetalProfile Floret => new(0.08f, 0f, NotchedTip: true);

    /// <summary>Half-width factor at <paramref name="t"/>; <paramref name="across"/> (−1…1) positions the tip notches.</summary>
    public float HalfWidth(float t, float across)
    {
        if (t <= 0f || t >= 1f) return 0f;
        if (t < Peak)
        {
            float d = (Peak - t) / Peak;
            return MathF.Sqrt(1f - d * d);
        }
        if (NotchedTip)
        {
            // Square strap whose end is cut by three teeth.
            float tooth = 0.1f * MathF.Abs(MathF.Sin(across * MathF.PI * 1.5f));
            return t < 1f - tooth ? 1f : 0f;
        }
        float s = (t - Peak) / (1f - Peak);
        return (1f - s) + (MathF.Sqrt(1f - s * s) - (1f - s)) * TipRoundness;
    }
}
