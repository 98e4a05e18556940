using MlNetResNet.Imaging;
using MlNetResNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Imaging;

public class ResizeAndCenterCropTests
{
    [Theory]
    [InlineData(500, 375, 256, 341, 256)] // int(256 * 500 / 375) = 341
    [InlineData(375, 500, 256, 256, 341)]
    [InlineData(100, 100, 37, 37, 37)]
    [InlineData(1000, 3, 2, 666, 2)]
    public void ShorterSideGetsTheSizeAndTheLongerIsTruncated(int width, int height, int side, int expectedWidth, int expectedHeight)
    {
        Assert.Equal(new Size(expectedWidth, expectedHeight), ResizeShorterSide.TargetSize(width, height, side));
    }

    [Theory]
    [InlineData(341, 256, 224, 58, 16)]  // (341-224)/2 = 58.5 -> 58 (half to even), (256-224)/2 = 16
    [InlineData(256, 343, 224, 16, 60)]  // 59.5 -> 60
    [InlineData(37, 37, 32, 2, 2)]       // 2.5 -> 2
    public void CenterCropOffsetsRoundHalfToEvenLikePython(int width, int height, int size, int left, int top)
    {
        Assert.Equal(new Rectangle(left, top, size, size), CenterCrop.Region(width, height, size));
    }

    [Fact]
    public void EvaluationPreprocessingResizesThenCropsTheCentre()
    {
        // Left half black, right half white: after resize + center crop the split stays in the middle.
        using var image = new Image<Rgb24>(400, 200);
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 400; x++)
                image[x, y] = x < 200 ? new Rgb24(0, 0, 0) : new Rgb24(255, 255, 255);
        var evaluation = new EvaluationPreprocessing(resizeSize: 37, imageSize: 32);
        using var cropped = evaluation.Crop(image);
        Assert.Equal(32, cropped.Width);
        Assert.Equal(32, cropped.Height);
        Assert.Equal(0, cropped[0, 16].R);
        Assert.Equal(255, cropped[31, 16].R);
        Assert.True(cropped[14, 16].R < 128 && cropped[17, 16].R > 128);
    }

    [Fact]
    public void AlreadyResizedImagesAreOnlyCropped()
    {
        using var image = TestImages.Coordinates(50, 37);
        var evaluation = new EvaluationPreprocessing(resizeSize: 37, imageSize: 32);
        using var cropped = evaluation.Crop(image);
        // (50-32)/2 = 9, (37-32)/2 = 2.5 -> 2: exact pixels, no resampling.
        Assert.Equal(image[9, 2], cropped[0, 0]);
        Assert.Equal(image[40, 33], cropped[31, 31]);
    }

    [Fact]
    public void ShrinkKeepsSmallImagesAndShrinksLargeOnes()
    {
        var small = TestImages.Coordinates(30, 40);
        Assert.Same(small, ResizeShorterSide.ShrinkTo(small, 37));
        small.Dispose();
        using var large = ResizeShorterSide.ShrinkTo(TestImages.Coordinates(300, 100), 37);
        Assert.Equal(new Size(111, 37), large.Size());
    }
}
