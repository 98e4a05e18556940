using Microsoft.ML.Data;
using MlNetResNet.Imaging;
using MlNetResNet;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Imaging;

public class RawPixelConverterTests
{
    [Fact]
    public void BgraAndRgbaBecomeTheSameRgbImage()
    {
        // Two pixels: pure red, then (10, 20, 30), alpha dropped.
        byte[] bgra = { 0, 0, 255, 255, 30, 20, 10, 128 };
        byte[] rgba = { 255, 0, 0, 255, 10, 20, 30, 128 };
        using var fromBgra = RawPixelConverter.ToRgb24(bgra, 2, 1, MLPixelFormat.Bgra32, "row 0");
        using var fromRgba = RawPixelConverter.ToRgb24(rgba, 2, 1, MLPixelFormat.Rgba32, "row 0");
        Assert.Equal(new Rgb24(255, 0, 0), fromBgra[0, 0]);
        Assert.Equal(new Rgb24(10, 20, 30), fromBgra[1, 0]);
        Assert.Equal(fromBgra[0, 0], fromRgba[0, 0]);
        Assert.Equal(fromBgra[1, 0], fromRgba[1, 0]);
    }

    [Fact]
    public void MLImageFromLoadImagesConverts()
    {
        byte[] rgba = { 1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255 };
        using var mlImage = MLImage.CreateFromPixels(2, 2, MLPixelFormat.Rgba32, rgba);
        using var image = RawPixelConverter.ToRgb24(mlImage, "row 2");
        Assert.Equal(new Rgb24(10, 11, 12), image[1, 1]);
        Assert.Equal(new Rgb24(4, 5, 6), image[1, 0]);
    }

    [Fact]
    public void WrongLengthOrFormatIsAnInvalidImage()
    {
        var shortBuffer = Assert.Throws<InvalidImageException>(() =>
            RawPixelConverter.ToRgb24(new byte[7], 2, 1, MLPixelFormat.Bgra32, "row 4"));
        Assert.Contains("row 4", shortBuffer.Message);
        Assert.Throws<InvalidImageException>(() => RawPixelConverter.ToRgb24(new byte[8], 2, 1, MLPixelFormat.Unknown, "row 5"));
    }
}
