namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// The frame of one flower head: centre, rotation and a squash that tilts it away from the camera. Maps points of the
/// head's own plane (x right, y down, in pixels) to the canvas.
/// </summary>
internal readonly record struct FlowerHead(float X, float Y, float Angle, float Squash)
{
    public (float X, float Y) Map(float px, float py)
    {
        float sy = py * Squash, cos = MathF.Cos(Angle), sin = MathF.Sin(Angle);
        return (X + px * cos - sy * sin, Y + px * sin + sy * cos);
    }

    /// <summary>
    /// Paints a ring of <paramref name="count"/> petals from radius <paramref name="inner"/> outwards, each with its length and
    /// direction jittered, shaded brighter on the side facing <paramref name="lightAngle"/>.
    /// </summary>
    public void PaintPetalRing(Canvas canvas, Random random, int count, float inner, float length, float halfWidth,
        PetalProfile profile, Rgb baseColour, Rgb tipColour, float phase, float lightAngle)
    {
        for (int k = 0; k < count; k++)
        {
            float phi = phase + k * MathF.Tau / count + (float)(random.NextDouble() - 0.5) * 0.5f * MathF.Tau / count;
            float petalLength = length * (0.85f + 0.3f * (float)random.NextDouble());
            var (bx, by) = Map(inner * MathF.Cos(phi), inner * MathF.Sin(phi));
            var (tx, ty) = Map((inner + petalLength) * MathF.Cos(phi), (inner + petalLength) * MathF.Sin(phi));
            float mappedLength = MathF.Max(1f, MathF.Sqrt((tx - bx) * (tx - bx) + (ty - by) * (ty - by)));
            float direction = MathF.Atan2(ty - by, tx - bx);
            float light = 1f + 0.12f * MathF.Cos(direction - lightAngle);
            canvas.Paint(bx, by, direction, new PetalShape(mappedLength, halfWidth * (0.6f + 0.4f * Squash), profile,
                baseColour * light, tipColour * light));
        }
    }
}
