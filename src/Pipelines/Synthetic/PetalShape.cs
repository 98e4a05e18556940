namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>Petal or leaf from the frame origin (its base) along +u, with a darker base and a midrib.</summary>
internal readonly record struct PetalShape(float Length, float HalfWidth, PetalProfile Profile, Rgb Base, Rgb Tip, float Midrib = 0.12f) : IShape
{
    public (float MinU, float MaxU, float MaxV) Extent => (0f, Length, HalfWidth);

    public bool Covers(float u, float v, out Rgb color, out float alpha)
    {
        float t = u / Length;
        float across = v / HalfWidth;
        float width = Profile.HalfWidth(t, across);
        alpha = 1f;
        float e = width > 0f ? MathF.Abs(across) / width : 2f;
        color = Rgb.Lerp(Base, Tip, MathF.Sqrt(Math.Clamp(t, 0f, 1f))) * (1f - Midrib * MathF.Max(0f, 1f - e * 6f) + 0.1f * e);
        return e <= 1f;
    }
}
