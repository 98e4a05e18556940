namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>A thick line segment with round caps, from the origin along +u (stems, grass blades).</summary>
internal readonly record struct SegmentShape(float Length, float HalfThickness, Rgb Color, float Opacity = 1f) : IShape
{
    public (float MinU, float MaxU, float MaxV) Extent => (-HalfThickness, Length + HalfThickness, HalfThickness);

    public bool Covers(float u, float v, out Rgb color, out float alpha)
    {
        float du = u < 0f ? u : u > Length ? u - Length : 0f;
        float r = (du * du + v * v) / (HalfThickness * HalfThickness);
        color = Color * (1.1f - 0.25f * r);
        alpha = Opacity;
        return r <= 1f;
    }
}
