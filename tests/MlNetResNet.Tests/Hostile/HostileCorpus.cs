using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Hostile;

/// <summary>
/// Writes the hostile-image corpus of issue 9 into a folder, from code (no binary files in the repository): headers
/// that lie about the size, a real PNG decompression bomb, a many-frame GIF, an animated WebP, damaged GIF comment and LZW data, BMP
/// widths beyond what the decoders read, truncated and empty files, and formats the saved model cannot decode.
/// Everything is written in well under a second.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Side of the PNG bomb: 900 MB of zeros once inflated, 3.6 GB as Skia's RGBA.</summary>
    public const int BombSide = 30_000;

    /// <summary>Frames of the many-frame GIF, on a 4096² logical screen.</summary>
    public const int ManyFrames = 5_000;

    public static IReadOnlyList<HostileCase> Write(string folder)
    {
        Directory.CreateDirectory(folder);
        string P(string name) => System.IO.Path.Combine(folder, name);
        var cases = new List<HostileCase>();
        void Add(string name, string expected) => cases.Add(new HostileCase(name, P(name), expected));

        PngFileWriter.WriteLyingHeader(P("png-header-65535.png"), 65535, 65535);
        Add("png-header-65535.png", "65535x65535");

        File.WriteAllBytes(P("jpeg-sof-65500.jpg"), JpegWithFrameSize(65500, 65500));
        Add("jpeg-sof-65500.jpg", "65500x65500");

        PngFileWriter.WriteZeroBomb(P("png-bomb-30000.png"), BombSide);
        Add("png-bomb-30000.png", "30000x30000");

        GifFileWriter.WriteManyFrames(P("gif-5000-frames-4096.gif"), 4096, ManyFrames);
        Add("gif-5000-frames-4096.gif", "frames (MaxFrames)");

        byte[] lossless = Encode((image, s) => image.Save(s, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }), side: 40);
        WebPFileWriter.WriteAnimated(P("webp-animated.webp"), lossless, 40, frames: 3);
        Add("webp-animated.webp", "animated WebP");

        GifFileWriter.WriteOverrunningComment(P("gif-comment-overrun.gif"));
        Add("gif-comment-overrun.gif", "truncated");

        GifFileWriter.WriteCorruptLzw(P("gif-corrupt-lzw.gif"));
        Add("gif-corrupt-lzw.gif", "corrupt LZW");

        BmpFileWriter.Write(P("bmp-width-70000.bmp"), 70_000, 1, rowsWritten: 1);
        Add("bmp-width-70000.bmp", "65,535");

        BmpFileWriter.Write(P("bmp-width-int-max.bmp"), int.MaxValue, 1, rowsWritten: 0);
        Add("bmp-width-int-max.bmp", "65,535");

        BmpFileWriter.Write(P("bmp-width-negative.bmp"), -64, 8, rowsWritten: 8);
        Add("bmp-width-negative.bmp", "-64x8");

        byte[] png = Encode((image, s) => image.SaveAsPng(s));
        File.WriteAllBytes(P("truncated-no-iend.png"), png[..^12]);
        Add("truncated-no-iend.png", "IEND");
        File.WriteAllBytes(P("truncated-mid-idat.png"), png[..(png.Length / 2)]);
        Add("truncated-mid-idat.png", "truncated");

        byte[] jpeg = Encode((image, s) => image.SaveAsJpeg(s));
        File.WriteAllBytes(P("truncated-no-eoi.jpg"), jpeg[..(jpeg.Length * 2 / 3)]);
        Add("truncated-no-eoi.jpg", "EOI");

        byte[] gif = Encode((image, s) => image.SaveAsGif(s));
        File.WriteAllBytes(P("truncated-no-trailer.gif"), gif[..^1]);
        Add("truncated-no-trailer.gif", "trailer");

        File.WriteAllBytes(P("zero-bytes.jpg"), []);
        Add("zero-bytes.jpg", "empty (0 bytes)");

        File.WriteAllBytes(P("valid-but-tiff.tiff"), Encode((image, s) => image.Save(s, new TiffEncoder())));
        Add("valid-but-tiff.tiff", "TIFF file");

        File.WriteAllBytes(P("valid-but-tga.tga"), Encode((image, s) => image.Save(s, new TgaEncoder())));
        Add("valid-but-tga.tga", "SkiaSharp");

        File.WriteAllBytes(P("valid-but-pbm.ppm"), Encode((image, s) => image.Save(s, new PbmEncoder())));
        Add("valid-but-pbm.ppm", "Netpbm");
        return cases;
    }

    /// <summary>A valid 16x16 baseline JPEG whose SOF then claims <paramref name="width"/>x<paramref name="height"/>.</summary>
    public static byte[] JpegWithFrameSize(int width, int height)
    {
        byte[] jpeg = Encode((image, s) => image.SaveAsJpeg(s), side: 16);
        for (int i = 2; i + 8 < jpeg.Length; i++)
        {
            if (jpeg[i] != 0xFF || jpeg[i + 1] != 0xC0) continue;
            jpeg[i + 5] = (byte)(height >> 8);
            jpeg[i + 6] = (byte)height;
            jpeg[i + 7] = (byte)(width >> 8);
            jpeg[i + 8] = (byte)width;
            return jpeg;
        }
        throw new InvalidOperationException("ImageSharp wrote a JPEG without a baseline SOF0 marker.");
    }

    /// <summary>A noisy <paramref name="side"/>² RGB image encoded by <paramref name="save"/> (noise keeps the encoded data long).</summary>
    public static byte[] Encode(Action<Image<Rgb24>, Stream> save, int side = 48)
    {
        var random = new Random(side);
        using var image = new Image<Rgb24>(side, side);
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)(x * 5), (byte)(y * 5));
        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }
}
