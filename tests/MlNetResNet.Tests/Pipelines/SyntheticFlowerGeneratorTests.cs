using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Pipelines;

public class SyntheticFlowerGeneratorTests
{
    [Fact]
    public void SameSeedSameBytesOtherSeedOtherImages()
    {
        var options = new SyntheticFlowerOptions { TrainPerClass = 2, ValidationPerClass = 1, ImageSize = 48, Seed = 11 };
        using var first = new TempFolder();
        using var second = new TempFolder();
        using var other = new TempFolder();
        SyntheticFlowerGenerator.Generate(first.Path, options);
        SyntheticFlowerGenerator.Generate(second.Path, options);
        SyntheticFlowerGenerator.Generate(other.Path, new SyntheticFlowerOptions { TrainPerClass = 2, ValidationPerClass = 1, ImageSize = 48, Seed = 12 });

        var files = Directory.GetFiles(first.Path, "*.jpg", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first.Path, f)).Order().ToList();
        Assert.Equal(15, files.Count);
        foreach (string file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(other.Path, file)));
        }
    }

    [Fact]
    public void WritesTheFlowerDataLayoutOnceAndLeavesAnExistingOneAlone()
    {
        using var temp = new TempFolder();
        string root = temp.File("flower_data");
        var options = new SyntheticFlowerOptions { TrainPerClass = 3, ValidationPerClass = 2, ImageSize = 40 };

        Assert.True(SyntheticFlowerGenerator.EnsureGenerated(root, options));
        Assert.False(SyntheticFlowerGenerator.EnsureGenerated(root, options));

        var folders = TrainingFolders.Resolve(root);
        Assert.Equal(["daisy", "dandelion", "roses", "sunflowers", "tulips"], folders.Train.ClassNames);
        Assert.All(folders.Train.CountPerClass, count => Assert.Equal(3, count));
        Assert.All(folders.Validation.CountPerClass, count => Assert.Equal(2, count));
        using var image = Image.Load<Rgb24>(folders.Train.Rows[0].ImagePath);
        Assert.Equal((40, 40), (image.Width, image.Height));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void MeanColourDoesNotGiveTheClass()
    {
        // Nearest class centroid on per-image mean RGB: with shape as the cue, colour alone must stay far from perfect.
        var means = SyntheticFlowerOptions.ClassNames
            .Select(kind => Enumerable.Range(0, 24).Select(i => MeanColour(kind, i)).ToList()).ToList();
        var centroids = means.Select(images => Enumerable.Range(0, 3).Select(c => images.Take(16).Average(m => m[c])).ToArray()).ToList();
        int correct = 0, total = 0;
        for (int kind = 0; kind < means.Count; kind++)
        foreach (var mean in means[kind].Skip(16))
        {
            int nearest = Enumerable.Range(0, centroids.Count)
                .MinBy(c => Enumerable.Range(0, 3).Sum(ch => Math.Pow(mean[ch] - centroids[c][ch], 2)));
            correct += nearest == kind ? 1 : 0;
            total++;
        }
        Assert.InRange(correct / (double)total, 0.0, 0.6);
    }

    private static double[] MeanColour(string kind, int index)
    {
        using var image = SyntheticFlowerGenerator.Draw(kind, 48, 1000 + index);
        double r = 0, g = 0, b = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (var p in rows.GetRowSpan(y)) { r += p.R; g += p.G; b += p.B; }
        });
        double n = image.Width * image.Height;
        return [r / n, g / n, b / n];
    }
}
