using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

public class ImageFolderDatasetTests
{
    [Fact]
    public void ClassesAreSortedOrdinallyAndFilesWalkedInTorchvisionOrder()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Touch(temp.Path, "b/2.jpg", "b/10.jpg", "a_1/x.png", "B/z.jpg", "a/sub/b.jpg", "a/sub/a.jpg", "a/z.jpg",
            "a/sub2/c.jpg", "a/A.jpg");

        var dataset = ImageFolderDataset.Read(temp.Path);

        Assert.Equal(["B", "a", "a_1", "b"], dataset.ClassNames);
        Assert.Equal(["a/A.jpg", "a/z.jpg", "a/sub/a.jpg", "a/sub/b.jpg", "a/sub2/c.jpg"],
            dataset.Rows.Where(row => row.Label == "a").Select(row => Relative(temp.Path, row.ImagePath)));
        Assert.Equal(["b/10.jpg", "b/2.jpg"], dataset.Rows.Where(row => row.Label == "b").Select(row => Relative(temp.Path, row.ImagePath)));
        Assert.Equal([1, 5, 1, 2], dataset.CountPerClass);
    }

    [Fact]
    public void ExtensionsAreMatchedCaseInsensitivelyAndOthersIgnored()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Touch(temp.Path, "c/1.JPG", "c/2.Jpeg", "c/3.png", "c/4.BMP", "c/5.gif", "c/6.webp",
            "c/7.txt", "c/8.tiff", "c/9.jpg.bak", "c/notes", "d/1.jpg");

        var dataset = ImageFolderDataset.Read(temp.Path);

        Assert.Equal(["1.JPG", "2.Jpeg", "3.png", "4.BMP", "5.gif", "6.webp"],
            dataset.Rows.Where(row => row.Label == "c").Select(row => Path.GetFileName(row.ImagePath)));
    }

    [Fact]
    public void HiddenFilesAndFoldersAreSkipped()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Touch(temp.Path, ".ipynb_checkpoints/a.jpg", "cat/.hidden.jpg", "cat/._macos.jpg", "cat/ok.jpg",
            "cat/.cache/inner.jpg", "dog/ok.jpg");

        var dataset = ImageFolderDataset.Read(temp.Path);

        Assert.Equal(["cat", "dog"], dataset.ClassNames);
        Assert.Equal(["cat/ok.jpg", "dog/ok.jpg"], dataset.Rows.Select(row => Relative(temp.Path, row.ImagePath)));
    }

    [Fact]
    public void EmptyClassFolderIsAnErrorNamingTheClassUnlessAllowed()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Touch(temp.Path, "cat/a.jpg", "dog/readme.txt", "eel/b.png");

        var error = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Read(temp.Path));
        Assert.Contains("dog", error.Message);
        Assert.Contains(temp.Path, error.Message);

        var allowed = ImageFolderDataset.Read(temp.Path, new ImageFolderOptions { AllowEmptyClasses = true });
        Assert.Equal(["cat", "dog", "eel"], allowed.ClassNames);
        Assert.Equal([1, 0, 1], allowed.CountPerClass);
    }

    [Fact]
    public void MissingFolderAndFolderWithoutClassesAreClearErrors()
    {
        using var temp = new TempFolder();
        string missing = temp.File("nope");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => ImageFolderDataset.Read(missing)).Message);
        ImageFolderTree.Touch(temp.Path, "loose.jpg");
        Assert.Contains("no class folders", Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Read(temp.Path)).Message);
    }

    [Fact]
    public void GivenClassListMustCoverTheFolders()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(temp.Path, 1, "cat", "dog", "owl");
        var error = Assert.Throws<InvalidDataException>(() =>
            ImageFolderDataset.Read(temp.Path, new ImageFolderOptions { ClassNames = ["cat", "dog"] }));
        Assert.Contains("owl", error.Message);
    }

    [Fact]
    public void DataViewHasPathAndLabelColumns()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(temp.Path, 2, "cat", "dog");
        var view = ImageFolderDataset.Read(temp.Path).ToDataView(new MLContext(1));

        Assert.IsType<TextDataViewType>(view.Schema[PipelineColumnNames.ImagePath].Type);
        Assert.IsType<TextDataViewType>(view.Schema[ResNetColumnNames.Label].Type);
        Assert.Equal(["cat", "cat", "dog", "dog"], view.GetColumn<string>(ResNetColumnNames.Label));
    }

    [Fact]
    public void AgreesWithTorchvisionImageFolder()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Touch(temp.Path, "tulips/b.jpg", "tulips/A.JPG", "tulips/deep/x.png", "tulips/deep/er/y.webp",
            "Roses/1.jpeg", "roses/2.bmp", "roses/3.txt", "daisy_2/z.jpg", "daisy/q.JPEG", "daisy/10.png", "daisy/9.png");

        using var json = JsonDocument.Parse(PythonReference.Run("image_folder_listing.py", temp.Path));
        var dataset = ImageFolderDataset.Read(temp.Path);

        Assert.Equal(json.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()), dataset.ClassNames);
        var expected = json.RootElement.GetProperty("samples").EnumerateArray()
            .Select(sample => (Path.GetFullPath(sample[0].GetString()!), dataset.ClassNames[sample[1].GetInt32()]));
        Assert.Equal(expected, dataset.Rows.Select(row => (row.ImagePath, row.Label)));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
