using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

public class TrainingFoldersTests
{
    [Fact]
    public void TrainAndValSubfoldersAreUsedAsSuch()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(Path.Combine(temp.Path, "train"), 5, "a", "b");
        ImageFolderTree.Classes(Path.Combine(temp.Path, "val"), 2, "a", "b");

        var folders = TrainingFolders.Resolve(temp.Path);

        Assert.Equal(10, folders.Train.Rows.Count);
        Assert.Equal(4, folders.Validation.Rows.Count);
        Assert.Equal(["a", "b"], folders.Validation.ClassNames);
    }

    [Fact]
    public void ValidationTreeMayLackAClassButNotAddOne()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(Path.Combine(temp.Path, "t"), 3, "a", "b", "c");
        ImageFolderTree.Classes(Path.Combine(temp.Path, "v"), 1, "a", "c");
        var folders = TrainingFolders.Resolve(Path.Combine(temp.Path, "t"), Path.Combine(temp.Path, "v"));
        Assert.Equal(["a", "b", "c"], folders.Validation.ClassNames);
        Assert.Equal([1, 0, 1], folders.Validation.CountPerClass);

        ImageFolderTree.Classes(Path.Combine(temp.Path, "v"), 1, "zebra");
        var error = Assert.Throws<InvalidDataException>(() => TrainingFolders.Resolve(Path.Combine(temp.Path, "t"), Path.Combine(temp.Path, "v")));
        Assert.Contains("zebra", error.Message);
    }

    [Fact]
    public void PlainTreeIsSplitStratified()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(temp.Path, 20, "a", "b");
        var folders = TrainingFolders.Resolve(temp.Path, validationFraction: 0.1, seed: 4);
        Assert.Equal([18, 18], folders.Train.CountPerClass);
        Assert.Equal([2, 2], folders.Validation.CountPerClass);
    }

    [Fact]
    public void OneClassIsAClearError()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(temp.Path, 5, "only");
        var error = Assert.Throws<InvalidDataException>(() => TrainingFolders.Resolve(temp.Path));
        Assert.Contains("only one class", error.Message);
    }
}
