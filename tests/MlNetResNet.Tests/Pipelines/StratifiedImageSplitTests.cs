using MlNetResNet.Pipelines.ImageFolders;
using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

public class StratifiedImageSplitTests
{
    [Theory]
    [InlineData(100, 0.1, 10)]
    [InlineData(15, 0.1, 2)]
    [InlineData(14, 0.1, 1)]
    [InlineData(2, 0.1, 1)]
    [InlineData(1, 0.5, 0)]
    [InlineData(10, 0.95, 9)]
    public void ValidationCountRoundsAndKeepsBothSides(int count, double fraction, int expected) =>
        Assert.Equal(expected, StratifiedImageSplit.ValidationCount(count, fraction));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void FractionOutsideOpenUnitIntervalIsRejected(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedImageSplit.ValidationCount(10, fraction));

    [Fact]
    public void EachClassIsSplitInProportionWithoutOverlap()
    {
        var rows = Rows(("cat", 50), ("dog", 20), ("owl", 7));
        var (train, validation) = StratifiedImageSplit.Partition(rows, 0.2, seed: 3);

        Assert.Equal(10, validation.Count(row => row.Label == "cat"));
        Assert.Equal(4, validation.Count(row => row.Label == "dog"));
        Assert.Equal(1, validation.Count(row => row.Label == "owl"));
        Assert.Empty(train.Select(row => row.ImagePath).Intersect(validation.Select(row => row.ImagePath)));
        Assert.Equal(rows.Select(row => row.ImagePath).Order(), train.Concat(validation).Select(row => row.ImagePath).Order());
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var rows = Rows(("cat", 60), ("dog", 60));
        var first = StratifiedImageSplit.Partition(rows, 0.25, seed: 7).Validation.Select(row => row.ImagePath).ToList();
        var again = StratifiedImageSplit.Partition(rows, 0.25, seed: 7).Validation.Select(row => row.ImagePath).ToList();
        var other = StratifiedImageSplit.Partition(rows, 0.25, seed: 8).Validation.Select(row => row.ImagePath).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void AddingAClassLeavesTheOtherClassesSplitsAlone()
    {
        var before = StratifiedImageSplit.Partition(Rows(("cat", 30), ("dog", 30)), 0.2, seed: 1).Validation;
        var after = StratifiedImageSplit.Partition(Rows(("ant", 30), ("cat", 30), ("dog", 30)), 0.2, seed: 1).Validation;
        Assert.Equal(before.Select(row => row.ImagePath), after.Where(row => row.Label != "ant").Select(row => row.ImagePath));
    }

    [Fact]
    public void FolderSplitCopiesIntoTrainAndValKeepingSubfolders()
    {
        using var source = new TempFolder();
        using var output = new TempFolder();
        ImageFolderTree.Classes(source.Path, 10, "daisy", "roses");
        ImageFolderTree.Touch(source.Path, "roses/deep/extra.jpg", "roses/.DS_Store");

        var summary = ImageFolderSplitter.Split(source.Path, output.Path, validationFraction: 0.2, seed: 5);

        Assert.Equal(["daisy", "roses"], summary.ClassNames);
        Assert.Equal([8, 9], summary.TrainCounts);
        Assert.Equal([2, 2], summary.ValidationCounts);
        var train = ImageFolderDataset.Read(Path.Combine(output.Path, "train"));
        var validation = ImageFolderDataset.Read(Path.Combine(output.Path, "val"));
        var names = train.Rows.Concat(validation.Rows).Select(row => Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(row.ImagePath)!)!, row.ImagePath));
        Assert.Equal(21, names.Distinct().Count());
        Assert.Contains(train.Rows.Concat(validation.Rows), row => row.ImagePath.EndsWith(Path.Combine("roses", "deep", "extra.jpg")));
        Assert.False(File.Exists(Path.Combine(output.Path, "train", "roses", ".DS_Store")));
        Assert.Equal("daisy/daisy_000.jpg", File.ReadAllText(train.Rows.Concat(validation.Rows).First(row => row.ImagePath.EndsWith("daisy_000.jpg")).ImagePath));
    }

    [Fact]
    public void FolderSplitRefusesANonEmptyOutput()
    {
        using var source = new TempFolder();
        using var output = new TempFolder();
        ImageFolderTree.Classes(source.Path, 4, "a", "b");
        ImageFolderTree.Touch(output.Path, "val/a/old.jpg");
        var error = Assert.Throws<IOException>(() => ImageFolderSplitter.Split(source.Path, output.Path));
        Assert.Contains("not empty", error.Message);
    }

    private static List<ImageFolderRow> Rows(params (string Label, int Count)[] classes) =>
        classes.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new ImageFolderRow { ImagePath = $"/{c.Label}/{i}.jpg", Label = c.Label })).ToList();
}
