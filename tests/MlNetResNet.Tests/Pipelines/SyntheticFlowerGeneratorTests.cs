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

    [Theory]
    [InlineData("daisy", "daisy_broad")]
    [InlineData("dandelion", "dandelion_sparse")]
    [InlineData("roses", "roses_open")]
    [InlineData("sunflowers", "sunflowers_small_disc")]
    [InlineData("tulips", "tulips_open")]
    public void ALookAlikeIsDeterministicAndItsMeanColourDoesNotTellItFromItsKind(string kind, string lookAlike)
    {
        using (var once = SyntheticFlowerGenerator.Draw(lookAlike, 48, 7))
        using (var again = SyntheticFlowerGenerator.Draw(lookAlike, 48, 7))
        using (var plain = SyntheticFlowerGenerator.Draw(kind, 48, 7))
        {
            Assert.Equal(Pixels(once), Pixels(again));
            Assert.NotEqual(Pixels(once), Pixels(plain));
        }
        // Nearest of the two centroids on mean RGB: the pair shares its palette, so colour must stay near chance.
        var pair = new[] { kind, lookAlike }.Select(k => Enumerable.Range(0, 40).Select(i => MeanColour(k, i)).ToList()).ToList();
        var centroids = pair.Select(images => Enumerable.Range(0, 3).Select(c => images.Take(24).Average(m => m[c])).ToArray()).ToList();
        int correct = 0;
        for (int label = 0; label < 2; label++)
        foreach (var mean in pair[label].Skip(24))
        {
            int nearest = Enumerable.Range(0, 2).MinBy(c => Enumerable.Range(0, 3).Sum(ch => Math.Pow(mean[ch] - centroids[c][ch], 2)));
            correct += nearest == label ? 1 : 0;
        }
        Assert.InRange(correct / 32.0, 0.0, 0.75);
    }

    [Fact]
    public void AnUnknownKindIsRefusedWithTheAcceptedNames()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticFlowerGenerator.Draw("orchids", 32, 1));
        Assert.Contains("'orchids'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tulips_open", error.Message, StringComparison.Ordinal);
        Assert.Contains("daisy,", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Pixels(Image<Rgb24> image)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        return bytes;
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
