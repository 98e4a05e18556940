using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Pipelines.ImageFolders;

namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// Writes the demo's stand-in for the flower_photos data set: <c>root/{train,val}/{daisy,dandelion,roses,sunflowers,tulips}/*.jpg</c>
/// of procedurally drawn flowers (position, scale, rotation, tilt, petal count and shape, colour, background clutter,
/// lighting and noise all vary). Every image has its own random stream derived from (seed, split, class, index), so the
/// output is identical for a seed however many threads draw it.
/// </summary>
public static class SyntheticFlowerGenerator
{
    /// <summary>
    /// Generates the data set into <paramref name="root"/> unless it already exists. The images are written into a
    /// temporary sibling folder that is renamed to <paramref name="root"/> at the end, so an interrupted run leaves no
    /// half data set behind. Returns true when it generated, false when <paramref name="root"/> was already there.
    /// </summary>
    public static bool EnsureGenerated(string root, SyntheticFlowerOptions? options = null)
    {
        root = Path.GetFullPath(root);
        if (Directory.Exists(root)) return false;
        string parent = Path.GetDirectoryName(root)!;
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{Path.GetFileName(root)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Generate(temporary, options);
            Directory.Move(temporary, root);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        return true;
    }

    /// <summary>Writes every image into <paramref name="root"/> (created if needed, existing files overwritten).</summary>
    public static void Generate(string root, SyntheticFlowerOptions? options = null)
    {
        options ??= new SyntheticFlowerOptions();
        var jobs = new List<(string Split, string Kind, int Index)>();
        foreach (var (split, count) in new[] { (ImageFolderSplitter.TrainFolderName, options.TrainPerClass), (ImageFolderSplitter.ValidationFolderName, options.ValidationPerClass) })
        foreach (string kind in SyntheticFlowerOptions.ClassNames)
        {
            Directory.CreateDirectory(Path.Combine(root, split, kind));
            for (int index = 0; index < count; index++) jobs.Add((split, kind, index));
        }
        var encoder = new JpegEncoder { Quality = options.JpegQuality };
        Parallel.ForEach(jobs, job =>
        {
            using var image = Draw(job.Kind, options.ImageSize, ImageSeed(options.Seed, job.Split, job.Kind, job.Index));
            image.SaveAsJpeg(Path.Combine(root, job.Split, job.Kind, $"{job.Kind}_{job.Index:D4}.jpg"), encoder);
        });
    }

    /// <summary>
    /// Draws one image of <paramref name="kind"/>: a name from <see cref="SyntheticFlowerOptions.ClassNames"/>, or a look-alike
    /// of one for harder sets (daisy_broad, dandelion_sparse, roses_open, sunflowers_small_disc, tulips_open).
    /// </summary>
    public static Image<Rgb24> Draw(string kind, int size, int seed) => Draw(kind, size, seed, flowerBounds: null);

    /// <summary>
    /// Draws the same image as <see cref="Draw(string, int, int)"/> and adds the bounding box of every flower head on it
    /// to <paramref name="flowerBounds"/>: the main flower last, companions (same kind, smaller, behind it) first.
    /// Stems and tulip leaves reach outside the boxes; the heads lie within them.
    /// </summary>
    public static Image<Rgb24> Draw(string kind, int size, int seed, List<FlowerBounds>? flowerBounds)
    {
        var random = new Random(seed);
        var canvas = new Canvas(size);
        BackgroundPainter.Paint(canvas, random);
        float lightAngle = (float)(random.NextDouble() * MathF.Tau);
        float radius = size * (0.2f + 0.14f * (float)random.NextDouble());
        // Companions first, so the main flower is in front.
        int companions = random.NextDouble() < 0.4 ? random.Next(1, 3) : 0;
        for (int k = 0; k < companions; k++)
            PaintOne(canvas, kind, size * (0.1f + 0.8f * (float)random.NextDouble()), size * (0.1f + 0.8f * (float)random.NextDouble()),
                radius * (0.45f + 0.3f * (float)random.NextDouble()), random, lightAngle, flowerBounds);
        PaintOne(canvas, kind, size * (0.3f + 0.4f * (float)random.NextDouble()), size * (0.3f + 0.4f * (float)random.NextDouble()),
            radius, random, lightAngle, flowerBounds);
        var whiteBalance = new Rgb(1f, 1f, 1f).Jitter(random, 0.08f);
        return canvas.Develop(0.75f + 0.45f * (float)random.NextDouble(), whiteBalance, lightAngle,
            0.25f * (float)random.NextDouble(), 2f + 6f * (float)random.NextDouble(), random);
    }

    private static void PaintOne(Canvas canvas, string kind, float x, float y, float radius, Random random, float lightAngle,
        List<FlowerBounds>? flowerBounds)
    {
        // Every painter keeps the head within radius of (x, y) (a tulip's cup is centred there too).
        flowerBounds?.Add(FlowerBounds.Around(x, y, radius, canvas.Size));
        if (!kind.StartsWith("tulips", StringComparison.Ordinal) && random.NextDouble() < 0.5) FlowerPainter.Stem(canvas, x, y, radius, random);
        FlowerPainter.Paint(canvas, kind, x, y, radius, random, lightAngle);
    }

    internal static int ImageSeed(int seed, string split, string kind, int index) =>
        StratifiedImageSplit.StableSeed(seed, $"{split}/{kind}/{index}");
}
