namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>Flower disc with a seed texture: crossing spirals of dots, shaded darker to the rim; squashed along v by a tilt.</summary>
internal readonly record struct DiscShape(float Radius, Rgb Center, Rgb Rim, Rgb Seed, float Spirals, float Squash = 1f) : IShape
{
    public (float MinU, float MaxU, float MaxV) Extent => (-Radius, Radius, Radius);

    public bool Covers(float u, float v, out Rgb color, out float alpha)
    {
        v /= Squash;
        float r2 = (u * u + v * v) / (Radius * Radius);
        alpha = 1f;
        if (r2 > 1f) { color = default; return false; }
        float r = MathF.Sqrt(r2), theta = MathF.Atan2(v, u);
        float dots = MathF.Sin(Spirals * (r * 6f + theta)) * MathF.Sin(Spirals * (r * 6f - theta));
        color = Rgb.Lerp(Rgb.Lerp(Center, Rim, r), Seed, MathF.Max(0f, dots) * 0.6f);
        return true;
    }
}
