using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging.FileGuard;

namespace MlNetResNet.Tests.Hostile;

/// <summary>
/// Pins the accepted-format list to what the saved model's decoder really reads: ML.NET's MLImage (SkiaSharp, as
/// LoadImages uses it in Microsoft.ML.ImageAnalytics 5.0.1).
/// </summary>
public class SkiaFormatTests(HostileCorpusFixture corpus) : IClassFixture<HostileCorpusFixture>
{
    [Fact]
    public void Skia_decodes_every_file_the_guard_accepts()
    {
        foreach (var (path, _, _) in corpus.Valid)
        {
            using var image = MLImage.CreateFromFile(path);
            Assert.Equal((40, 40), (image.Width, image.Height));
        }
    }

    [Theory]
    [InlineData("valid-but-tiff.tiff")]
    [InlineData("valid-but-tga.tga")]
    [InlineData("valid-but-pbm.ppm")]
    public void Skia_cannot_decode_the_formats_the_guard_refuses_as_unservable(string name)
    {
        Assert.ThrowsAny<Exception>(() => MLImage.CreateFromFile(corpus.Case(name).Path).Dispose());
    }

    [Fact]
    public void Skia_reads_bmp_sides_up_to_the_guards_limit_and_not_beyond()
    {
        string folder = Path.Combine(corpus.Folder, "bmp-sides");
        Directory.CreateDirectory(folder);
        string widest = Path.Combine(folder, "widest.bmp"), tooWide = Path.Combine(folder, "too-wide.bmp");
        BmpFileWriter.Write(widest, BmpStructureCheck.MaxSide, 1, rowsWritten: 1);
        BmpFileWriter.Write(tooWide, BmpStructureCheck.MaxSide + 1, 1, rowsWritten: 1);

        using (var image = MLImage.CreateFromFile(widest)) Assert.Equal(BmpStructureCheck.MaxSide, image.Width);
        Assert.True(ImageFileGuard.Inspect(widest).IsAccepted);
        Assert.ThrowsAny<Exception>(() => MLImage.CreateFromFile(tooWide).Dispose());
        Assert.False(ImageFileGuard.Inspect(tooWide).IsAccepted);
    }

    [Fact]
    public void Skia_reads_png_sides_up_to_the_guards_limit_and_not_beyond()
    {
        string folder = Path.Combine(corpus.Folder, "png-sides");
        Directory.CreateDirectory(folder);
        string widest = Path.Combine(folder, "widest.png"), tooWide = Path.Combine(folder, "too-wide.png");
        using (var image = new Image<L8>(PngStructureCheck.MaxSide, 1)) image.SaveAsPng(widest);
        using (var image = new Image<L8>(PngStructureCheck.MaxSide + 1, 1)) image.SaveAsPng(tooWide);

        using (var image = MLImage.CreateFromFile(widest)) Assert.Equal(PngStructureCheck.MaxSide, image.Width);
        Assert.True(ImageFileGuard.Inspect(widest).IsAccepted);
        Assert.ThrowsAny<Exception>(() => MLImage.CreateFromFile(tooWide).Dispose());
        Assert.Contains("PNG sides up to 1,000,000", ImageFileGuard.Inspect(tooWide).Reason);
    }
}
