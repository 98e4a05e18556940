namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// A look-alike of each of the five kinds, for harder benchmark sets: the same palette and clutter, a different shape.
/// "daisy_broad" has fewer, broader petals, "dandelion_sparse" one or two rings of strap florets instead of a pompom,
/// "roses_open" two or three loose layers round a stamen disc, "sunflowers_small_disc" a smaller disc and longer petals,
/// "tulips_open" a cup opened into six spread petals. Each differs from its kind by one shape trait, so telling the pairs apart
/// needs the shape, not the colour.
/// </summary>
internal static class LookAlikePainter
{
    public static IReadOnlyList<string> Kinds { get; } =
        ["daisy_broad", "dandelion_sparse", "roses_open", "sunflowers_small_disc", "tulips_open"];

    /// <summary>Paints <paramref name="kind"/>, one of <see cref="Kinds"/>.</summary>
    public static void Paint(Canvas canvas, string kind, FlowerHead head, float radius, Random random, float lightAngle)
    {
        switch (kind)
        {
            case "daisy_broad": BroadDaisy(canvas, head, radius, random, lightAngle); break;
            case "dandelion_sparse": SparseDandelion(canvas, head, radius, random, lightAngle); break;
            case "roses_open": OpenRose(canvas, head, radius, random); break;
            case "sunflowers_small_disc": SmallDiscSunflower(canvas, head, radius, random, lightAngle); break;
            case "tulips_open": OpenTulip(canvas, head.X, head.Y, radius, random); break;
            default: throw new ArgumentException($"Not a look-alike kind: '{kind}'.", nameof(kind));
        }
    }

    private static void BroadDaisy(Canvas canvas, FlowerHead head, float radius, Random random, float lightAngle)
    {
        var petal = FlowerPalettes.DaisyPetals.Pick(random, 10f);
        float disc = radius * (0.18f + 0.1f * (float)random.NextDouble());
        float length = radius - disc * 0.7f;
        head.PaintPetalRing(canvas, random, random.Next(8, 13), disc * 0.7f, length, length * (0.2f + 0.08f * (float)random.NextDouble()),
            PetalProfile.Daisy, petal * 0.9f, petal, (float)(random.NextDouble() * MathF.Tau), lightAngle);
        var centre = FlowerPalettes.DaisyDiscs.Pick(random);
        canvas.Paint(head.X, head.Y, head.Angle,
            new DiscShape(disc, centre * 1.1f, centre * 0.8f, centre * 0.6f, 9f + 4f * (float)random.NextDouble(), head.Squash));
    }

    private static void SparseDandelion(Canvas canvas, FlowerHead head, float radius, Random random, float lightAngle)
    {
        var floret = FlowerPalettes.DandelionFlorets.Pick(random, 10f);
        int layers = random.Next(1, 3);
        for (int layer = 0; layer < layers; layer++)
        {
            float length = radius * (0.95f - 0.3f * layer);
            head.PaintPetalRing(canvas, random, random.Next(16, 27), radius * 0.12f, length, length * 0.1f, PetalProfile.Floret,
                floret * (0.8f - 0.05f * layer), floret * (1f - 0.05f * layer), (float)(random.NextDouble() * MathF.Tau), lightAngle);
        }
        canvas.Paint(head.X, head.Y, head.Angle, new DiscShape(radius * 0.14f, floret * 0.85f, floret * 0.7f, floret * 0.5f, 8f, head.Squash));
    }

    private static void OpenRose(Canvas canvas, FlowerHead head, float radius, Random random)
    {
        var petal = FlowerPalettes.RosePetals.Pick(random, 12f);
        int layers = random.Next(2, 4);
        for (int layer = 0; layer < layers; layer++)
        {
            float layerRadius = radius * (1f - layer * 0.7f / layers);
            int count = random.Next(5, 7);
            float phase = (float)(random.NextDouble() * MathF.Tau);
            for (int k = 0; k < count; k++)
            {
                float phi = phase + k * MathF.Tau / count;
                var (px, py) = head.Map(layerRadius * 0.55f * MathF.Cos(phi), layerRadius * 0.55f * MathF.Sin(phi));
                float direction = MathF.Atan2(py - head.Y, px - head.X);
                canvas.Paint(px, py, direction, new EllipseShape(layerRadius * 0.45f, layerRadius * 0.42f * (0.6f + 0.4f * head.Squash),
                    petal * (0.85f - 0.1f * layer), petal * (1.1f - 0.1f * layer)));
            }
        }
        var stamens = FlowerPalettes.DaisyDiscs.Pick(random);
        canvas.Paint(head.X, head.Y, head.Angle, new DiscShape(radius * 0.15f, stamens * 1.1f, stamens * 0.85f, stamens * 0.6f, 12f, head.Squash));
    }

    private static void SmallDiscSunflower(Canvas canvas, FlowerHead head, float radius, Random random, float lightAngle)
    {
        var petal = FlowerPalettes.SunflowerPetals.Pick(random, 12f);
        float disc = radius * (0.22f + 0.08f * (float)random.NextDouble());
        int count = random.Next(16, 28);
        float length = (radius - disc) * 1.05f;
        head.PaintPetalRing(canvas, random, count, disc * 0.85f, length, length * 0.14f, PetalProfile.Sunflower,
            petal * 0.85f, petal, (float)(random.NextDouble() * MathF.Tau), lightAngle);
        var centre = FlowerPalettes.SunflowerDiscs.Pick(random, 8f);
        canvas.Paint(head.X, head.Y, head.Angle, new DiscShape(disc, centre * 1.3f, centre * 0.9f, centre * 0.45f, 10f, head.Squash));
    }

    private static void OpenTulip(Canvas canvas, float x, float y, float radius, Random random)
    {
        var (petal, _, up, height, halfWidth, bx, by) = FlowerPainter.TulipStem(canvas, x, y, radius, random,
            heightFrom: 1.0f, heightSpread: 0.2f, halfWidthFrom: 0.28f, baseBelow: 0.3f);
        // Six petals fanned from the base: the cup has opened into a star.
        float spread = 0.55f + 0.2f * (float)random.NextDouble();
        for (int k = 0; k < 6; k++)
        {
            float angle = up + spread * (k / 2.5f - 1f);
            canvas.Paint(bx, by, angle, new PetalShape(height * 0.9f, halfWidth, PetalProfile.Tulip,
                petal * (0.7f + 0.05f * (k % 2)), petal * (0.95f + 0.08f * (k % 2))));
        }
    }
}
