namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// Draws one flower of each kind. What tells the kinds apart is shape: daisies have a small disc and a ring of
/// round-tipped strap petals, dandelions a dense pompom of toothed florets (or a clock of seeds), roses nested layers of
/// broad round petals around a swirl, sunflowers a large seeded disc inside pointed petals, tulips an upright cup of three
/// pointed petals on a stem with long leaves.
/// </summary>
internal static class FlowerPainter
{
    public static void Paint(Canvas canvas, string kind, float x, float y, float radius, Random random, float lightAngle)
    {
        if (LookAlikePainter.Kinds.Contains(kind))
        {
            LookAlikePainter.Paint(canvas, kind, Head(x, y, random), radius, random, lightAngle);
            return;
        }
        switch (kind)
        {
            case "daisy": Daisy(canvas, Head(x, y, random), radius, random, lightAngle); break;
            case "dandelion": Dandelion(canvas, Head(x, y, random), radius, random, lightAngle); break;
            case "roses": Rose(canvas, Head(x, y, random), radius, random); break;
            case "sunflowers": Sunflower(canvas, Head(x, y, random), radius, random, lightAngle); break;
            case "tulips": Tulip(canvas, x, y, radius, random); break;
            default: throw new ArgumentException(
                $"Unknown flower kind '{kind}'; accepted: {string.Join(", ", SyntheticFlowerOptions.ClassNames.Concat(LookAlikePainter.Kinds))}.", nameof(kind));
        }
    }

    /// <summary>
    /// The part a tulip and its open look-alike share: petal and stem colours, a tilted upright axis, the cup's size,
    /// and the stem painted up to the cup's base, which sits <paramref name="baseBelow"/> of the height below (x, y) so
    /// the flower as a whole is centred there. The random draws come in one fixed order for both.
    /// </summary>
    public static (Rgb Petal, Rgb Green, float Up, float Height, float HalfWidth, float BaseX, float BaseY) TulipStem(
        Canvas canvas, float x, float y, float radius, Random random, float heightFrom, float heightSpread, float halfWidthFrom,
        float baseBelow)
    {
        var petal = FlowerPalettes.TulipPetals.Pick(random, 12f);
        var green = FlowerPalettes.Greens.Pick(random);
        float tilt = (float)(random.NextDouble() - 0.5) * 0.7f;
        float up = -MathF.PI / 2 + tilt;
        float height = radius * (heightFrom + heightSpread * (float)random.NextDouble());
        float halfWidth = radius * (halfWidthFrom + 0.08f * (float)random.NextDouble());
        float bx = x - MathF.Cos(up) * height * baseBelow, by = y - MathF.Sin(up) * height * baseBelow;
        canvas.Paint(bx, by, MathF.PI / 2 + tilt * 0.5f, new SegmentShape(canvas.Size, MathF.Max(1.2f, radius * 0.07f), green));
        return (petal, green, up, height, halfWidth, bx, by);
    }

    /// <summary>A green stem from the head down past the bottom edge, drawn before the head.</summary>
    public static void Stem(Canvas canvas, float x, float y, float radius, Random random)
    {
        float angle = MathF.PI / 2 + (float)(random.NextDouble() - 0.5) * 0.6f;
        canvas.Paint(x, y, angle, new SegmentShape(canvas.Size * 1.2f, MathF.Max(1.2f, radius * 0.06f), FlowerPalettes.Greens.Pick(random)));
    }

    internal static FlowerHead Head(float x, float y, Random random) =>
        new(x, y, (float)(random.NextDouble() * MathF.Tau), 0.55f + 0.45f * (float)random.NextDouble());

    private static void Daisy(Canvas canvas, FlowerHead head, float radius, Random random, float lightAngle)
    {
        var petal = FlowerPalettes.DaisyPetals.Pick(random, 10f);
        float disc = radius * (0.18f + 0.1f * (float)random.NextDouble());
        int count = random.Next(14, 25);
        float length = radius - disc * 0.7f;
        float halfWidth = length * (0.1f + 0.06f * (float)random.NextDouble());
        float phase = (float)(random.NextDouble() * MathF.Tau);
        if (random.NextDouble() < 0.5)
            head.PaintPetalRing(canvas, random, count, disc * 0.7f, length * 0.9f, halfWidth, PetalProfile.Daisy,
                petal * 0.85f, petal * 0.92f, phase + MathF.PI / count, lightAngle);
        head.PaintPetalRing(canvas, random, count, disc * 0.7f, length, halfWidth, PetalProfile.Daisy,
            petal * 0.9f, petal, phase, lightAngle);
        var centre = FlowerPalettes.DaisyDiscs.Pick(random);
        canvas.Paint(head.X, head.Y, head.Angle,
            new DiscShape(disc, centre * 1.1f, centre * 0.8f, centre * 0.6f, 9f + 4f * (float)random.NextDouble(), head.Squash));
    }

    private static void Dandelion(Canvas canvas, FlowerHead head, float radius, Random random, float lightAngle)
    {
        if (random.NextDouble() < 0.25)
        {
            Clock(canvas, head, radius, random);
            return;
        }
        var floret = FlowerPalettes.DandelionFlorets.Pick(random, 10f);
        int layers = random.Next(3, 5);
        for (int layer = 0; layer < layers; layer++)
        {
            float scale = 1f - layer * 0.7f / layers;
            int count = random.Next(36, 56) + layer * 6;
            float length = radius * scale * 0.95f;
            head.PaintPetalRing(canvas, random, count, radius * 0.05f, length, length * 0.07f, PetalProfile.Floret,
                floret * (0.78f - 0.04f * layer), floret * (1f - 0.05f * layer), (float)(random.NextDouble() * MathF.Tau), lightAngle);
        }
    }

    // A seed head: fine white filaments with tufts at their ends around a small brown centre.
    private static void Clock(Canvas canvas, FlowerHead head, float radius, Random random)
    {
        var fluff = FlowerPalettes.DandelionClock.Pick(random, 8f);
        int count = random.Next(60, 90);
        for (int k = 0; k < count; k++)
        {
            float phi = (float)(random.NextDouble() * MathF.Tau);
            float length = radius * (0.75f + 0.25f * (float)random.NextDouble());
            var (tx, ty) = head.Map(length * MathF.Cos(phi), length * MathF.Sin(phi));
            float direction = MathF.Atan2(ty - head.Y, tx - head.X);
            float mapped = MathF.Sqrt((tx - head.X) * (tx - head.X) + (ty - head.Y) * (ty - head.Y));
            canvas.Paint(head.X, head.Y, direction, new SegmentShape(mapped, 0.45f, fluff, 0.55f));
            canvas.Paint(tx, ty, direction, new EllipseShape(radius * 0.09f, radius * 0.06f, fluff, fluff * 0.9f, 0.7f, Soft: true));
        }
        var seed = Rgb.FromHex(0x6B4A22).Jitter(random, 10f);
        canvas.Paint(head.X, head.Y, head.Angle, new EllipseShape(radius * 0.12f, radius * 0.12f * head.Squash, seed, seed * 0.7f));
    }

    private static void Rose(Canvas canvas, FlowerHead head, float radius, Random random)
    {
        var petal = FlowerPalettes.RosePetals.Pick(random, 12f);
        int layers = random.Next(3, 6);
        for (int layer = 0; layer < layers; layer++)
        {
            float layerRadius = radius * (1f - layer * 0.8f / layers);
            int count = random.Next(5, 8);
            float phase = (float)(random.NextDouble() * MathF.Tau);
            float shade = MathF.Pow(0.88f, layer);
            for (int k = 0; k < count; k++)
            {
                float phi = phase + k * MathF.Tau / count;
                var (px, py) = head.Map(layerRadius * 0.5f * MathF.Cos(phi), layerRadius * 0.5f * MathF.Sin(phi));
                float direction = MathF.Atan2(py - head.Y, px - head.X);
                // Darker at the petal's base, lighter rolled edge: the overlap of layers shows as rings of edges.
                canvas.Paint(px, py, direction, new EllipseShape(layerRadius * 0.5f, layerRadius * 0.48f * (0.6f + 0.4f * head.Squash),
                    petal * (0.8f * shade), petal * (1.12f * shade)));
            }
        }
        // The tight swirl at the centre: small offset crescents spiralling inwards.
        float swirl = radius * 0.22f;
        for (int k = 0; k < 6; k++)
        {
            float phi = head.Angle + k * 2.1f, r = swirl * (1f - k / 7f);
            canvas.Paint(head.X + r * 0.25f * MathF.Cos(phi), head.Y + r * 0.25f * MathF.Sin(phi), phi,
                new EllipseShape(r, r * 0.8f * head.Squash, petal * (0.55f + 0.05f * k), petal * (0.95f - 0.03f * k)));
        }
    }

    private static void Sunflower(Canvas canvas, FlowerHead head, float radius, Random random, float lightAngle)
    {
        var petal = FlowerPalettes.SunflowerPetals.Pick(random, 12f);
        float disc = radius * (0.36f + 0.12f * (float)random.NextDouble());
        int count = random.Next(18, 32);
        float length = (radius - disc) * 1.25f;
        float phase = (float)(random.NextDouble() * MathF.Tau);
        head.PaintPetalRing(canvas, random, count, disc * 0.85f, length * 0.9f, length * 0.2f, PetalProfile.Sunflower,
            petal * 0.75f, petal * 0.9f, phase + MathF.PI / count, lightAngle);
        head.PaintPetalRing(canvas, random, count, disc * 0.85f, length, length * 0.2f, PetalProfile.Sunflower,
            petal * 0.85f, petal, phase, lightAngle);
        var centre = FlowerPalettes.SunflowerDiscs.Pick(random, 8f);
        canvas.Paint(head.X, head.Y, head.Angle, new DiscShape(disc, centre * 1.3f, centre * 0.9f,
            centre * 0.45f, 14f + 6f * (float)random.NextDouble(), head.Squash));
    }

    private static void Tulip(Canvas canvas, float x, float y, float radius, Random random)
    {
        var (petal, green, up, height, halfWidth, bx, by) = TulipStem(canvas, x, y, radius, random,
            heightFrom: 1.2f, heightSpread: 0.3f, halfWidthFrom: 0.3f, baseBelow: 0.45f);
        int leaves = random.Next(1, 3);
        for (int k = 0; k < leaves; k++)
        {
            float side = k == 0 ? -1f : 1f;
            float leafAngle = -MathF.PI / 2 + side * (0.25f + 0.35f * (float)random.NextDouble());
            float leafLength = canvas.Size * (0.35f + 0.25f * (float)random.NextDouble());
            canvas.Paint(bx + side * radius * 0.1f, canvas.Size * (0.95f + 0.1f * (float)random.NextDouble()), leafAngle,
                new PetalShape(leafLength, leafLength * 0.12f, PetalProfile.Leaf, green * 0.8f, green * 1.1f, 0.2f));
        }
        float spread = 0.22f + 0.12f * (float)random.NextDouble();
        canvas.Paint(bx, by, up - spread, new PetalShape(height * 0.95f, halfWidth, PetalProfile.Tulip, petal * 0.7f, petal * 0.95f));
        canvas.Paint(bx, by, up + spread, new PetalShape(height * 0.95f, halfWidth, PetalProfile.Tulip, petal * 0.7f, petal * 0.95f));
        canvas.Paint(bx, by + radius * 0.05f, up, new PetalShape(height, halfWidth * 1.15f, PetalProfile.Tulip, petal * 0.8f, petal * 1.08f));
    }
}
