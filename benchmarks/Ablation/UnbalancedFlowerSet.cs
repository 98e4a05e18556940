using MlNetResNet.Benchmarks.TimeToAccuracy;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;

namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>
/// The ten classes of <see cref="HarderFlowerSet"/> (five kinds, each plain and "dusk"; clutter in every image) with class
/// sizes falling geometrically: the largest training class has ten times the images of the smallest, the validation
/// classes five times. Deterministic for a seed; written once.
/// </summary>
internal static class UnbalancedFlowerSet
{
    public static IReadOnlyList<string> ClassNames(FlowerPairs pairs) => HarderFlowerSet.ClassNames(pairs);

    /// <summary>Images of class <paramref name="label"/>: from <paramref name="largest"/> down to largest / ratio, geometrically.</summary>
    public static int Count(int label, int largest, double ratio) =>
        (int)Math.Round(largest * Math.Pow(1 / ratio, label / (double)(ClassCount - 1)), MidpointRounding.ToEven);

    private const int ClassCount = 10;

    public static void Ensure(FlowerPairs pairs, string root, int largestTrain, int largestValidation, int side, int seed)
    {
        if (Directory.Exists(root)) return;
        string temporary = root + ".partial";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        var names = ClassNames(pairs);
        var jobs = new List<(string Split, int Class, int Index)>();
        foreach (var (split, largest, ratio) in new[] { ("train", largestTrain, 10.0), ("val", largestValidation, 5.0) })
        {
            for (int label = 0; label < names.Count; label++)
            {
                Directory.CreateDirectory(Path.Combine(temporary, split, names[label]));
                for (int index = 0; index < Count(label, largest, ratio); index++) jobs.Add((split, label, index));
            }
        }
        var encoder = new JpegEncoder { Quality = 90 };
        Parallel.ForEach(jobs, job =>
        {
            int imageSeed = HarderFlowerSet.StableSeed(seed, job.Split == "train" ? 11 : 12, job.Class, job.Index);
            using var image = HarderFlowerSet.Draw(pairs, job.Class, side, imageSeed);
            image.SaveAsJpeg(Path.Combine(temporary, job.Split, names[job.Class], $"{job.Index:D4}.jpg"), encoder);
        });
        Directory.Move(temporary, root);
    }
}
