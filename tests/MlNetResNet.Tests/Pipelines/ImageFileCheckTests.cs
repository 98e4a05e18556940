using MlNetResNet.Pipelines.ImageFolders;
using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Pipelines;

public class ImageFileCheckTests
{
    [Fact]
    public void FindsFilesWithoutAnImageHeaderAndKeepsTheGoodOnes()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("a"));
        using (var image = new Image<Rgb24>(8, 6)) image.SaveAsJpeg(temp.File("a/good.jpg"));
        using (var image = new Image<Rgb24>(5, 5)) image.SaveAsPng(temp.File("a/good.png"));
        File.WriteAllText(temp.File("a/text.jpg"), "this is not a picture");
        File.WriteAllBytes(temp.File("a/empty.png"), []);
        File.WriteAllBytes(temp.File("a/cut.png"), File.ReadAllBytes(temp.File("a/good.png"))[..12]);
        var dataset = ImageFolderDataset.Read(temp.Path, new ImageFolderOptions { AllowEmptyClasses = true });

        var unreadable = ImageFileCheck.FindUnreadable(dataset.Rows);

        Assert.Equal(["cut.png", "empty.png", "text.jpg"], unreadable.Select(u => Path.GetFileName(u.ImagePath)));
        Assert.All(unreadable, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Equal(["good.jpg", "good.png"], dataset.Without(unreadable.Select(u => u.ImagePath)).Rows.Select(r => Path.GetFileName(r.ImagePath)));
    }
}
