using System.Buffers.Binary;
using System.Text;
using MlNetResNet.Imaging;
using MlNetResNet;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Imaging;

public class ImageDecoderTests
{
    [Fact]
    public void DecodesPngBytesToRgb()
    {
        using var original = TestImages.Coordinates(20, 10);
        using var decoded = ImageDecoder.Decode(TestImages.Png(original), 1000, "row 3");
        Assert.Equal(20, decoded.Width);
        Assert.Equal(10, decoded.Height);
        Assert.Equal(original[13, 7], decoded[13, 7]);
    }

    [Fact]
    public void PixelLimitIsCheckedOnTheHeaderBeforeDecoding()
    {
        // A PNG that is only a header claiming 100000 x 100000 pixels (30 GB decoded) and no pixel data at all:
        // decoding would fail differently (or try to allocate), so the limit message proves the early check.
        byte[] headerOnly = PngHeaderOnly(100_000, 100_000);
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(headerOnly, 100_000_000, "row 5"));
        Assert.Equal("row 5", error.ImageSource);
        Assert.Contains("100000x100000", error.Message);
        Assert.Contains("limit", error.Message);
        Assert.Contains("not decoded", error.Message);
    }

    [Fact]
    public void LimitIsInclusive()
    {
        using var original = TestImages.Coordinates(50, 40);
        byte[] png = TestImages.Png(original);
        using var atLimit = ImageDecoder.Decode(png, 2000, "exact");
        Assert.Equal(50, atLimit.Width);
        Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png, 1999, "one below"));
    }

    [Fact]
    public void CorruptBytesGiveAnInvalidImageExceptionNamingTheSource()
    {
        using var original = TestImages.Coordinates(32, 32);
        byte[] png = TestImages.Png(original);
        png[png.Length - 20] ^= 0xFF; // inside the IDAT data: its CRC no longer matches
        var corrupt = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png, 1_000_000, "row 17"));
        Assert.StartsWith("Image row 17:", corrupt.Message);

        var garbage = Assert.Throws<InvalidImageException>(() =>
            ImageDecoder.Decode(Encoding.ASCII.GetBytes("definitely not an image file"), 1_000_000, "row 18"));
        Assert.Contains("row 18", garbage.Message);

        Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(ReadOnlyMemory<byte>.Empty, 1_000_000, "row 19"));
    }

    [Fact]
    public void MissingAndCorruptFilesNameThePath()
    {
        using var folder = new TempFolder();
        string missing = folder.File("missing.png");
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(missing));
        Assert.Contains(missing, error.Message);

        string broken = folder.File("broken.jpg");
        File.WriteAllBytes(broken, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 1, 2, 3 });
        var corrupt = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(broken));
        Assert.Contains(broken, corrupt.Message);
    }

    [Fact]
    public void FileSourceDecodesAndDescribesRowAndPath()
    {
        using var folder = new TempFolder();
        using var image = TestImages.Filled(8, 6, new Rgb24(10, 20, 30));
        string path = folder.File("a.png");
        File.WriteAllBytes(path, TestImages.Png(image));
        var source = new FileImageSource(new[] { path, folder.File("nope.png") }, new[] { 1, 0 });
        using var loaded = source.Load(0);
        Assert.Equal(new Rgb24(10, 20, 30), loaded[3, 3]);
        Assert.Equal(1, source.GetLabel(0));
        var error = Assert.Throws<InvalidImageException>(() => source.Load(1));
        Assert.Contains("row 1", error.Message);
        Assert.Contains("nope.png", error.Message);
    }

    private static byte[] PngHeaderOnly(int width, int height)
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type RGB
        AddChunk(bytes, "IHDR", header);
        AddChunk(bytes, "IEND", Array.Empty<byte>());
        return bytes.ToArray();
    }

    private static void AddChunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
