namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>A shape in its own frame (u along, v across, in pixels): whether a point is inside, and its colour there.</summary>
internal interface IShape
{
    /// <summary>Extent of the shape in its frame: u in [MinU, MaxU], v in [−MaxV, MaxV].</summary>
    (float MinU, float MaxU, float MaxV) Extent { get; }

    bool Covers(float u, float v, out Rgb color, out float alpha);
}

/// <summary>Filled ellipse centred on the frame origin, shaded from <see cref="Center"/> to <see cref="Rim"/>.</summary>
internal readonly record struct EllipseShape(float RadiusU, float RadiusV, Rgb Center, Rgb Rim, float Opacity = 1f, bool Soft = false) : IShape
{
    public (float MinU, float MaxU, float MaxV) Extent => (-RadiusU, RadiusU, RadiusV);

    public bool Covers(float u, float v, out Rgb color, out float alpha)
    {
        float a = u / RadiusU, b = v / RadiusV, r2 = a * a + b * b;
        color = Rgb.Lerp(Center, Rim, r2);
        // Soft ellipses fade out towards the rim (bokeh, blurred background leaves).
        alpha = Soft ? Opacity * (1f - r2) * (1f - r2) : Opacity;
        return r2 <= 1f;
    }
}

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
