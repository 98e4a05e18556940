namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// A garden-like backdrop: a two-colour gradient (grass, soil, sky, shade), out-of-focus blobs, some in flower colours
/// so that colour is not a giveaway, grass blades and blurred leaves.
/// </summary>
internal static class BackgroundPainter
{
    public static void Paint(Canvas canvas, Random random)
    {
        int size = canvas.Size;
        canvas.FillVertical(FlowerPalettes.Backgrounds.Pick(random, 18f), FlowerPalettes.Backgrounds.Pick(random, 18f));
        int blobs = random.Next(6, 22);
        for (int k = 0; k < blobs; k++)
        {
            var colour = random.NextDouble() < 0.35
                ? FlowerPalettes.AllFlowerColours.Pick(random, 20f)
                : FlowerPalettes.Backgrounds.Pick(random, 25f);
            float r = size * (0.04f + 0.16f * (float)random.NextDouble());
            canvas.Paint(Next(random, size), Next(random, size), (float)(random.NextDouble() * MathF.PI),
                new EllipseShape(r, r * (0.5f + 0.5f * (float)random.NextDouble()), colour, colour * 0.9f,
                    0.35f + 0.5f * (float)random.NextDouble(), Soft: true));
        }
        int blades = random.Next(0, 30);
        for (int k = 0; k < blades; k++)
        {
            float angle = -MathF.PI / 2 + (float)(random.NextDouble() - 0.5) * 1.2f;
            canvas.Paint(Next(random, size), size * (0.6f + 0.45f * (float)random.NextDouble()), angle,
                new SegmentShape(size * (0.1f + 0.3f * (float)random.NextDouble()), 0.6f + 1.2f * (float)random.NextDouble(),
                    FlowerPalettes.Greens.Pick(random, 20f), 0.8f));
        }
        int leaves = random.Next(0, 6);
        for (int k = 0; k < leaves; k++)
        {
            float length = size * (0.12f + 0.2f * (float)random.NextDouble());
            canvas.Paint(Next(random, size), Next(random, size), (float)(random.NextDouble() * MathF.Tau),
                new PetalShape(length, length * 0.22f, PetalProfile.Leaf, FlowerPalettes.Greens.Pick(random) * 0.8f,
                    FlowerPalettes.Greens.Pick(random), 0.25f));
        }
    }

    private static float Next(Random random, int size) => (float)(random.NextDouble() * size);
}
