using MlNetResNet.Pipelines.Synthetic;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>
/// A harder variant of the synthetic flowers: ten classes, each of the five kinds paired with a second class that
/// differs by one trait (<see cref="FlowerPairs"/>: a look-alike shape, or a subtle 12% darker, bluer "dusk" light),
/// and every image carries clutter: a smaller flower of another kind pasted at a random corner. Subtle pairs with
/// distractors, so the seed recipe is still improving after five epochs. Deterministic for a seed.
/// </summary>
internal static class HarderFlowerSet
{
    private static readonly string[] Kinds = ["daisy", "dandelion", "roses", "sunflowers", "tulips"];
    private static readonly string[] LookAlikes = ["daisy_broad", "dandelion_sparse", "roses_open", "sunflowers_small_disc", "tulips_open"];

    /// <summary>The <c>--pairs</c> value of both benchmark programs: <c>shape</c> or <c>tone</c>.</summary>
    public static FlowerPairs ParsePairs(string value) => value switch
    {
        "shape" => FlowerPairs.Shape,
        "tone" => FlowerPairs.Tone,
        _ => throw new ArgumentException($"--pairs must be shape or tone, not '{value}'."),
    };

    /// <summary>Class names in label order: each kind, then its pair.</summary>
    public static IReadOnlyList<string> ClassNames(FlowerPairs pairs) =>
        Kinds.SelectMany((kind, index) => new[] { kind, pairs == FlowerPairs.Tone ? kind + "_dusk" : LookAlikes[index] }).ToList();

    public static void Ensure(FlowerPairs pairs, string root, int trainPerClass, int validationPerClass, int side, int seed)
    {
        if (Directory.Exists(root)) return;
        string temporary = root + ".partial";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        var names = ClassNames(pairs);
        var jobs = new List<(string Split, int Class, int Index)>();
        foreach (var (split, count) in new[] { ("train", trainPerClass), ("val", validationPerClass) })
        {
            for (int label = 0; label < names.Count; label++)
            {
                Directory.CreateDirectory(Path.Combine(temporary, split, names[label]));
                for (int index = 0; index < count; index++) jobs.Add((split, label, index));
            }
        }
        var encoder = new JpegEncoder { Quality = 90 };
        Parallel.ForEach(jobs, job =>
        {
            int imageSeed = StableSeed(seed, job.Split == "train" ? 1 : 2, job.Class, job.Index);
            using var image = Draw(pairs, job.Class, side, imageSeed);
            image.SaveAsJpeg(Path.Combine(temporary, job.Split, names[job.Class], $"{job.Index:D4}.jpg"), encoder);
        });
        Directory.Move(temporary, root);
    }

    // HashCode.Combine is salted per process; the data set must be the same in every run.
    internal static int StableSeed(params int[] parts)
    {
        ulong state = 1469598103934665603UL;
        foreach (int part in parts) state = (state ^ (uint)part) * 1099511628211UL;
        return (int)(state >> 33);
    }

    private static string ShapeClass(int label) => label % 2 == 1 ? LookAlikes[label / 2] : Kinds[label / 2];

    internal static Image<Rgb24> Draw(FlowerPairs pairs, int label, int side, int seed)
    {
        var random = new Random(seed);
        bool second = label % 2 == 1;
        string kind = pairs == FlowerPairs.Shape ? ShapeClass(label) : Kinds[label / 2];
        var image = SyntheticFlowerGenerator.Draw(kind, side, random.Next());
        // Clutter: a flower of another kind; in the shape set any other class, the look-alike of this one included, so
        // the large flower in front, not whatever is in view, gives the class.
        string other = pairs == FlowerPairs.Tone
            ? Kinds[(label / 2 + 1 + random.Next(Kinds.Length - 1)) % Kinds.Length]
            : ShapeClass((label + 1 + random.Next(2 * Kinds.Length - 1)) % (2 * Kinds.Length));
        using var clutter = SyntheticFlowerGenerator.Draw(other, side / 3, random.Next());
        int x = random.Next(2) * (side - clutter.Width), y = random.Next(2) * (side - clutter.Height);
        bool dusk = second && pairs == FlowerPairs.Tone;
        image.ProcessPixelRows(rows =>
        {
            for (int row = 0; row < rows.Height; row++)
            {
                var span = rows.GetRowSpan(row);
                for (int column = 0; column < span.Length; column++)
                {
                    var pixel = column >= x && column < x + clutter.Width && row >= y && row < y + clutter.Height
                        ? clutter[column - x, row - y]
                        : span[column];
                    span[column] = dusk
                        ? new Rgb24((byte)(pixel.R * 0.85), (byte)(pixel.G * 0.88), (byte)Math.Min(255, pixel.B * 0.88 + 12))
                        : pixel;
                }
            }
        });
        return image;
    }
}
