namespace MlNetResNet.Pipelines.Synthetic;

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
